using Pipeline.TestSupport.Stages;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Stages.Abstractions;
using Pipeline.TestSupport;
using Pipeline.Data.Tables;

namespace Pipeline.Stages.Embed.Tests.Support;

/// <summary>One run of <see cref="EmbedStage"/> into a temporary output folder.</summary>
public sealed class EmbedRun : IDisposable
{
    private readonly TempDirectory root = new("embed-run");

    private EmbedRun()
    {
    }

    public RecordingReporter Reporter { get; } = new();

    public string TablePath => root.Combine("out", EmbedStage.EmbeddingsOutput, EmbeddingsTable.FileName);

    public static async Task<EmbedRun> ExecuteAsync(EmbedInputs inputs, EmbedParams parameters)
    {
        var run = new EmbedRun();
        try
        {
            var context = new StageContext("embed", "test-run", 1,
                new Dictionary<string, string> { ["encoder"] = inputs.EncoderDirectory, ["dataset"] = inputs.DatasetDirectory },
                run.root.Combine("out"), run.root.Combine("checkpoint"), NullLogger.Instance, run.Reporter);
            await new EmbedStage().RunAsync(context, parameters, CancellationToken.None);
            return run;
        }
        catch
        {
            run.Dispose();
            throw;
        }
    }

    public void Dispose() => root.Dispose();
}
