using Pipeline.Stages.Abstractions;
using Pipeline.Stages.LinearEval.Tests.Support;
using Pipeline.TestSupport.Skips;
using static TorchSharp.torch;

namespace Pipeline.Stages.LinearEval.Tests;

public sealed class LinearEvalStageRunTests(EvalInputs inputs) : IClassFixture<EvalInputs>
{
    [Fact]
    public async Task Augmented_training_recomputes_features_and_still_writes_every_output()
    {
        var parameters = new LinearEvalParams { Epochs = 2, BatchSize = 64, Augment = true, Baseline = false, KnnK = 20 };

        using var run = await StageRun.ExecuteAsync(inputs, parameters);

        Assert.Equal(6, run.Reporter.Series("train_loss").Count);
        Assert.InRange(run.Reporter.Summaries["test_top1"], 0, 1);
        Assert.DoesNotContain(run.Reporter.Summaries.Keys, k => k.StartsWith("baseline_", StringComparison.Ordinal));
        Assert.True(File.Exists(Path.Combine(run.Output("predictions"), PredictionsTable.FileName)));
        Assert.True(ClassifierArtifact.ReadInfo(run.Output("classifier")).Augment);
    }

    [Fact]
    public async Task A_narrow_encoder_and_its_random_init_baseline_are_rebuilt_from_encoder_json()
    {
        using var narrow = new EvalInputs(new Pipeline.Ml.Backbones.ResNet18BackboneOptions(3, SmallImageStem: true, Width: 8, BlocksPerStage: 1));
        var parameters = new LinearEvalParams { Epochs = 2, BatchSize = 64, Baseline = true, PixelBaseline = false, KnnK = 20 };

        using var run = await StageRun.ExecuteAsync(narrow, parameters);

        Assert.Equal(64, ClassifierArtifact.ReadInfo(run.Output("classifier")).FeatureDimension);
        Assert.InRange(run.Reporter.Summaries["baseline_test_top1"], 0, 1);
        Assert.InRange(run.Reporter.Summaries["baseline_knn_top1"], 0, 1);
    }

    [Fact]
    public async Task The_same_seed_gives_the_same_results()
    {
        var parameters = new LinearEvalParams { Epochs = 3, BatchSize = 64, Baseline = false, KnnK = 20 };

        using var first = await StageRun.ExecuteAsync(inputs, parameters, seed: 9);
        using var second = await StageRun.ExecuteAsync(inputs, parameters, seed: 9);

        Assert.Equal(first.Reporter.Series("train_loss"), second.Reporter.Series("train_loss"));
        Assert.Equal(first.Reporter.Summaries["test_top1"], second.Reporter.Summaries["test_top1"]);
    }

    [Fact]
    public async Task Without_a_validation_split_the_last_epoch_is_kept_and_no_curves_are_drawn()
    {
        var parameters = new LinearEvalParams { Epochs = 2, BatchSize = 256, ValFraction = 0, Baseline = false, KnnK = 20 };

        using var run = await StageRun.ExecuteAsync(inputs, parameters);

        Assert.Equal(2, run.Reporter.Summaries["best_epoch"]);
        Assert.Empty(run.Reporter.Series("val_acc"));
        Assert.False(File.Exists(Path.Combine(run.Output("plots"), LinearEvalStage.ValidationCurvesFile)));
        Assert.True(File.Exists(Path.Combine(run.Output("plots"), LinearEvalStage.ConfusionMatrixFile)));
    }

    private static string? CudaIsMissing => cuda.is_available() ? "CUDA is available here: this test needs a machine without it" : null;

    [FactWhen(typeof(LinearEvalStageRunTests), nameof(CudaIsMissing))]
    public async Task Asking_for_cuda_without_it_fails_with_an_explanation()
    {
        var error = await Assert.ThrowsAsync<StageFailedException>(() => StageRun.ExecuteAsync(inputs, new LinearEvalParams { Device = "cuda" }));

        Assert.Contains("no CUDA device is available", error.Message);
    }

    [Fact]
    public async Task A_missing_encoder_fails_naming_the_input()
    {
        var broken = new EvalInputs();
        Directory.Delete(broken.EncoderDirectory, recursive: true);
        Directory.CreateDirectory(broken.EncoderDirectory);
        try
        {
            var error = await Assert.ThrowsAsync<StageFailedException>(() => StageRun.ExecuteAsync(broken, new LinearEvalParams()));

            Assert.Contains("input 'encoder'", error.Message);
        }
        finally
        {
            broken.Dispose();
        }
    }
}
