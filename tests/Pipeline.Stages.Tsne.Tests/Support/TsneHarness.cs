using Microsoft.Extensions.Logging.Abstractions;
using Parquet;
using Pipeline.Stages.Abstractions;
using Pipeline.TestSupport;

namespace Pipeline.Stages.Tsne.Tests.Support;

/// <summary>Runs <see cref="TsneStage"/> in-process on a clustered embeddings table in a temp folder.</summary>
public sealed class TsneHarness : IDisposable
{
    private readonly TempDirectory _root = new("tsne-stage");

    public string InputDirectory => _root.Combine("embeddings");

    public string StagingDirectory => _root.Combine("staging");

    public string CoordinatesPath => Path.Combine(StagingDirectory, TsneStage.CoordinatesOutput, "coordinates.parquet");

    public string PlotsDirectory => Path.Combine(StagingDirectory, TsneStage.PlotsOutput);

    public RecordingStageReporter Reporter { get; private set; } = new();

    public Task WriteInputAsync(int perClass = 50, int dimensions = 32, ClusteredEmbeddings.Encoding encoding = ClusteredEmbeddings.Encoding.Float32Required) =>
        ClusteredEmbeddings.WriteAsync(InputDirectory, perClass, dimensions, encoding: encoding);

    public Task RunAsync(TsneParams parameters, int seed = 7, Action<ProgressUpdate>? onProgress = null, CancellationToken cancellationToken = default)
    {
        Reporter = new RecordingStageReporter { OnProgress = onProgress };
        var checkpoint = _root.Combine("checkpoint");
        Directory.CreateDirectory(checkpoint);
        var inputs = new Dictionary<string, string> { [TsneStage.InputName] = InputDirectory };
        var context = new StageContext("tsne", "run-1", seed, inputs, StagingDirectory, checkpoint, NullLogger.Instance, Reporter);
        return new TsneStage().RunAsync(context, parameters, cancellationToken);
    }

    /// <summary>The coordinates table: column names and, per column, its values as objects.</summary>
    public async Task<(string[] Columns, Dictionary<string, Array> Values)> ReadCoordinatesAsync()
    {
        await using var reader = await ParquetReader.CreateAsync(CoordinatesPath);
        var fields = reader.Schema.GetDataFields();
        var values = new Dictionary<string, List<object?>>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            var group = reader.OpenRowGroupReader(g);
            var rows = (int)group.RowCount;
            foreach (var field in fields)
            {
                var list = values.TryGetValue(field.Name, out var l) ? l : values[field.Name] = [];
                if (field.ClrType == typeof(string) || field.ClrType == typeof(ReadOnlyMemory<char>))
                {
                    var buffer = new string?[rows];
                    await group.ReadAsync(field, buffer);
                    list.AddRange(buffer);
                }
                else if (field.ClrType == typeof(int))
                {
                    var buffer = new int[rows];
                    await group.ReadAsync<int>(field, buffer);
                    list.AddRange(buffer.Cast<object?>());
                }
                else
                {
                    var buffer = new float[rows];
                    await group.ReadAsync<float>(field, buffer);
                    list.AddRange(buffer.Cast<object?>());
                }
            }
        }

        return ([.. fields.Select(f => f.Name)], values.ToDictionary(p => p.Key, p => (Array)p.Value.ToArray()));
    }

    public void Dispose() => _root.Dispose();
}
