using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Stages.Abstractions;
using Pipeline.TestSupport;

namespace Pipeline.Stages.Pretrain.Tests.Support;

/// <summary>
/// Runs <see cref="SimClrPretrainStage"/> in-process on the shared dataset, with a staging folder per attempt and a
/// checkpoint folder that outlives attempts (as the engine keeps it for one stage configuration).
/// </summary>
public sealed class PretrainRun : IDisposable
{
    /// <summary>Small and fast: 64 images of 32 px, batch 16 (4 steps an epoch), ImageNet stem, momentum so resume must restore it.</summary>
    public static SimClrPretrainParams SmallParams { get; } = new()
    {
        Epochs = 3,
        BatchSize = 16,
        InputSize = 32,
        Momentum = 0.9,
        Threads = 2,
        LogEveryNSteps = 1,
    };

    private readonly TempDirectory root = new("pretrain-run");
    private int attempts;

    public PretrainRun(string dataset) => Dataset = dataset;

    public string Dataset { get; }

    public string CheckpointDirectory => root.Combine("checkpoint");

    /// <summary>The staging folder of the last attempt.</summary>
    public string StagingDirectory => root.Combine($"staging-{attempts}");

    public RecordingReporter Reporter { get; private set; } = new();

    public string Output(string name) => Path.Combine(StagingDirectory, name);

    /// <summary>Runs the stage once; <paramref name="onMetric"/> sees every metric as it is logged.</summary>
    public Task RunAsync(SimClrPretrainParams parameters, int seed = 11, Action<string, double, long?>? onMetric = null, CancellationToken cancellationToken = default)
    {
        attempts++;
        Reporter = new RecordingReporter { OnMetric = onMetric };
        var context = new StageContext(
            "pretrain", "run-1", seed, new Dictionary<string, string> { ["dataset"] = Dataset },
            StagingDirectory, CheckpointDirectory, NullLogger.Instance, Reporter);
        return new SimClrPretrainStage().RunAsync(context, (object)parameters, cancellationToken);
    }

    public void Dispose() => root.Dispose();
}
