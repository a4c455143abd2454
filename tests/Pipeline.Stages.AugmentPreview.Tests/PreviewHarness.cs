using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Data;
using Pipeline.Data.Synthetic;
using Pipeline.Stages.Abstractions;
using Pipeline.TestSupport;

namespace Pipeline.Stages.AugmentPreview.Tests;

/// <summary>A tiny synthetic dataset and in-process runs of <see cref="AugmentPreviewStage"/> into fresh staging folders.</summary>
internal sealed class PreviewHarness : IDisposable
{
    private readonly TempDirectory _root = new("augment-preview");
    private int _runs;

    public PreviewHarness(ImageShape shape, int unlabeled = 12)
    {
        DatasetDirectory = _root.Combine("dataset");
        SyntheticStl10Generator.Generate(DatasetDirectory, new SplitCounts(Unlabeled: unlabeled, Train: 10, Test: 10), seed: 3, shape);
    }

    public string DatasetDirectory { get; }

    public RecordingStageReporter Reporter { get; private set; } = new();

    /// <summary>Runs the stage; returns its staging folder.</summary>
    public string Run(AugmentPreviewParams parameters, int seed = 7)
    {
        Reporter = new RecordingStageReporter();
        var staging = _root.Combine($"staging-{++_runs}");
        var context = new StageContext(
            "preview", "run-1", seed, new Dictionary<string, string> { [AugmentPreviewStage.InputName] = DatasetDirectory },
            staging, _root.Combine("checkpoint"), NullLogger.Instance, Reporter);
        new AugmentPreviewStage().RunAsync(context, parameters, CancellationToken.None).GetAwaiter().GetResult();
        return Path.Combine(staging, AugmentPreviewStage.OutputName);
    }

    public void Dispose() => _root.Dispose();
}
