using Pipeline.TestSupport.Stages;
using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Stages.Abstractions;
using Pipeline.TestSupport;

namespace Pipeline.Stages.LinearEval.Tests.Support;

/// <summary>One run of <see cref="LinearEvalStage"/> into a temporary output folder.</summary>
public sealed class StageRun : IDisposable
{
    private readonly TempDirectory root = new("linear-eval-run");

    private StageRun()
    {
    }

    public RecordingReporter Reporter { get; } = new();

    public string Output(string name) => root.Combine("out", name);

    public static async Task<StageRun> ExecuteAsync(EvalInputs inputs, LinearEvalParams parameters, int seed = 3)
    {
        var run = new StageRun();
        try
        {
            var context = new StageContext("linear-eval", "test-run", seed,
                new Dictionary<string, string> { ["encoder"] = inputs.EncoderDirectory, ["dataset"] = inputs.DatasetDirectory },
                run.root.Combine("out"), run.root.Combine("checkpoint"), NullLogger.Instance, run.Reporter);
            await new LinearEvalStage().RunAsync(context, parameters, CancellationToken.None);
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
