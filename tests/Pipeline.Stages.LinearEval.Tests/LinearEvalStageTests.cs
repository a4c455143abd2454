using Pipeline.TestSupport.Stages;
using System.Text.Json;
using Xunit.Abstractions;
using Pipeline.Stages.LinearEval.Tests.Support;
using static TorchSharp.torch;

namespace Pipeline.Stages.LinearEval.Tests;

public sealed class LinearEvalStageTests(FullRunFixture fixture, ITestOutputHelper output) : IClassFixture<FullRunFixture>
{
    private static readonly string[] Prefixes = ["", "baseline_", "pixel_"];

    private RecordingReporter Reporter => fixture.Run.Reporter;

    [Fact]
    public void A_random_encoder_probe_beats_chance_by_a_wide_margin_on_synthetic_classes()
    {
        foreach (var key in new[] { "test_top1", "test_top5", "knn_top1", "baseline_test_top1", "pixel_test_top1", "pixel_knn_top1", "best_epoch" })
        {
            output.WriteLine($"{key} = {Reporter.Summaries[key]:F4}");
        }
        // Ten balanced classes: chance is 10%. Synthetic classes differ in hue and shape, which even random
        // convolutional features keep; 0.3 leaves a wide margin below what this seed gives.
        Assert.True(Reporter.Summaries["test_top1"] >= 0.3, $"test_top1 {Reporter.Summaries["test_top1"]}");
        Assert.True(Reporter.Summaries["knn_top1"] >= 0.2, $"knn_top1 {Reporter.Summaries["knn_top1"]}");
    }

    [Fact]
    public async Task Predictions_table_has_one_row_per_test_image_and_agrees_with_test_top1()
    {
        var table = await ParquetTable.ReadAsync(Path.Combine(fixture.Run.Output("predictions"), PredictionsTable.FileName));

        Assert.Equal(["index", "label", "predicted", "class_name", "correct"], table.ColumnNames);
        Assert.Equal(EvalInputs.TestCount, table.RowCount);
        Assert.Equal(Enumerable.Range(0, EvalInputs.TestCount), table.Column<int>("index"));
        var labels = table.Column<int>("label");
        var predicted = table.Column<int>("predicted");
        var correct = table.Column<bool>("correct");
        Assert.Equal(labels.Zip(predicted, (l, p) => l == p), correct);
        Assert.Equal(labels.Select(l => fixture.Inputs.Info.ClassNames[l]), table.Column<string>("class_name"));
        Assert.Equal(Reporter.Summaries["test_top1"], correct.Count(c => c) / (double)EvalInputs.TestCount, 12);
    }

    [Fact]
    public void Top5_is_at_least_top1_for_every_model()
    {
        foreach (var prefix in Prefixes)
        {
            Assert.True(Reporter.Summaries[$"{prefix}test_top5"] >= Reporter.Summaries[$"{prefix}test_top1"], prefix);
        }
    }

    [Fact]
    public async Task Per_class_accuracies_weighted_by_support_average_to_top1_for_every_model()
    {
        var table = await ParquetTable.ReadAsync(Path.Combine(fixture.Run.Output("metrics"), MetricsTable.FileName));

        Assert.Equal(["model", "class_name", "support", "correct", "accuracy"], table.ColumnNames);
        Assert.Equal(30, table.RowCount);
        var models = table.Column<string>("model");
        var support = table.Column<long>("support");
        var accuracy = table.Column<double>("accuracy");
        foreach (var (model, prefix) in new[] { ("pretrained", ""), ("baseline", "baseline_"), ("pixel", "pixel_") })
        {
            var rows = Enumerable.Range(0, 30).Where(i => models[i] == model).ToList();
            Assert.Equal(10, rows.Count);
            Assert.Equal(EvalInputs.TestCount, rows.Sum(i => support[i]));
            var weighted = rows.Sum(i => accuracy[i] * support[i]) / EvalInputs.TestCount;
            Assert.Equal(Reporter.Summaries[$"{prefix}test_top1"], weighted, 9);
            var className = fixture.Inputs.Info.ClassNames[0];
            Assert.Equal(accuracy[rows[0]], Reporter.Summaries[$"{prefix}test_acc_{className}"], 12);
        }
    }

    [Fact]
    public void Summary_json_holds_every_summary_metric()
    {
        var json = File.ReadAllText(Path.Combine(fixture.Run.Output("metrics"), MetricsTable.SummaryFileName));
        var summary = JsonSerializer.Deserialize<Dictionary<string, double>>(json)!;

        Assert.Equal(Reporter.Summaries.OrderBy(p => p.Key, StringComparer.Ordinal), summary.OrderBy(p => p.Key, StringComparer.Ordinal));
        Assert.Contains("baseline_knn_top1", summary.Keys);
        Assert.Contains("pixel_test_acc_truck", summary.Keys);
    }

    [Fact]
    public void Logs_a_train_loss_per_step_and_validation_metrics_per_epoch()
    {
        // 200 train images, 10% held out per class: 180 train images, 3 batches of 64 per epoch.
        var steps = Reporter.Series("train_loss");
        Assert.Equal(FullRunFixture.Params.Epochs * 3, steps.Count);
        Assert.Equal(Enumerable.Range(0, steps.Count).Select(i => (long?)i), steps.Select(s => s.Step));
        var valAcc = Reporter.Series("val_acc");
        Assert.Equal(Enumerable.Range(1, FullRunFixture.Params.Epochs).Select(i => (long?)i), valAcc.Select(s => s.Step));
        Assert.Equal(FullRunFixture.Params.Epochs, Reporter.Series("baseline_val_loss").Count);
        Assert.Equal("20", Reporter.Params["val_images"]);
        var best = (int)Reporter.Summaries["best_epoch"];
        Assert.Equal(valAcc.Max(v => v.Value), valAcc[best - 1].Value);
        Assert.True(Reporter.Series("train_loss")[^1].Value < Reporter.Series("train_loss")[0].Value);
    }

    [Fact]
    public void Classifier_output_loads_into_a_linear_layer_of_the_described_shape()
    {
        var directory = fixture.Run.Output("classifier");
        var info = ClassifierArtifact.ReadInfo(directory);

        Assert.Equal(fixture.Inputs.Info.ClassNames, info.Classes);
        Assert.Equal(512, info.FeatureDimension);
        Assert.Equal(Reporter.Summaries["test_top1"], info.TestTop1, 12);
        using var linear = nn.Linear(info.FeatureDimension, info.Classes.Count);
        linear.load(Path.Combine(directory, ClassifierArtifact.WeightsFile));
        Assert.Equal([10L, 512], linear.weight!.shape);
    }

    [Fact]
    public void Plots_are_png_files_and_every_output_file_is_logged()
    {
        var plots = fixture.Run.Output("plots");
        foreach (var file in new[] { LinearEvalStage.ConfusionMatrixFile, LinearEvalStage.ValidationCurvesFile })
        {
            var bytes = File.ReadAllBytes(Path.Combine(plots, file));
            Assert.True(bytes.Length > 5_000, $"{file} has {bytes.Length} bytes");
            Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, bytes[..4]);
        }
        var logged = Reporter.Artifacts.Select(a => Path.GetFileName(a.Path)).ToHashSet();
        string[] expected = ["classifier.dat", "classifier.json", "predictions.parquet", "metrics.parquet", "summary.json", "confusion_matrix.png", "val_curves.png"];
        Assert.All(expected, file => Assert.Contains(file, logged));
        Assert.Empty(Directory.GetFiles(fixture.Run.Output("predictions"), "*.tmp", SearchOption.AllDirectories));
    }
}
