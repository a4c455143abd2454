using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Stages.Abstractions;
using Pipeline.TestSupport;

namespace Pipeline.Stages.FashionMnist.Tests.Support;

/// <summary>Runs <see cref="FashionMnistStage"/> in-process with temp staging and checkpoint folders.</summary>
public sealed class StageHarness : IDisposable
{
    private readonly TempDirectory _root = new("fashion-mnist-stage");

    public string Root => _root.Path;

    public string StagingDirectory => _root.Combine("staging");

    public string DatasetDirectory => Path.Combine(StagingDirectory, FashionMnistStage.OutputName);

    public RecordingStageReporter Reporter { get; private set; } = new();

    public Task RunAsync(FashionMnistParams parameters, int seed = 7, Action<ProgressUpdate>? onProgress = null, CancellationToken cancellationToken = default)
    {
        Reporter = new RecordingStageReporter { OnProgress = onProgress };
        var checkpoint = _root.Combine("checkpoint");
        Directory.CreateDirectory(checkpoint);
        var context = new StageContext("fashion", "run-1", seed, new Dictionary<string, string>(), StagingDirectory, checkpoint, NullLogger.Instance, Reporter);
        return new FashionMnistStage().RunAsync(context, (object)parameters, cancellationToken);
    }

    public void Dispose() => _root.Dispose();
}
