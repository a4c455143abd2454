using System.Text.Json;
using Pipeline.Ml.Optim;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.LinearEval.Tests;

public sealed class LinearEvalParamsTests
{
    [Fact]
    public void Defaults_are_valid_and_follow_the_reference_experiment()
    {
        var defaults = new LinearEvalParams();

        Assert.Empty(defaults.Validate());
        Assert.Equal(OptimizerKind.Adam, defaults.Optimizer);
        Assert.Equal(0.001, defaults.Lr);
        Assert.Equal(512, defaults.BatchSize);
        Assert.Equal(0.1, defaults.ValFraction);
        Assert.True(defaults.Baseline);
        Assert.False(defaults.Augment);
        Assert.False(defaults.PixelBaseline);
        Assert.Equal(200, defaults.KnnK);
        Assert.Equal(0.1, defaults.KnnTemperature);
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once_under_its_key()
    {
        var bad = new LinearEvalParams
        {
            Epochs = 0, BatchSize = 0, Lr = 0, WeightDecay = -1, ValFraction = 1, KnnK = 0, KnnTemperature = 0, Device = "tpu", Threads = -1,
        };

        var keys = bad.Validate().Select(e => e.Key).ToList();

        Assert.Equal(["epochs", "batch_size", "lr", "weight_decay", "val_fraction", "knn_k", "knn_temperature", "device", "threads"], keys);
    }

    [Fact]
    public void Binds_from_snake_case_json_and_rejects_unknown_keys()
    {
        var parsed = JsonSerializer.Deserialize<LinearEvalParams>(
            """{"epochs": 5, "optimizer": "sgd", "knn_k": 10, "pixel_baseline": true, "val_fraction": 0.2, "device": "cpu"}""", ParamsJson.Options)!;

        Assert.Equal(5, parsed.Epochs);
        Assert.Equal(OptimizerKind.Sgd, parsed.Optimizer);
        Assert.Equal(10, parsed.KnnK);
        Assert.True(parsed.PixelBaseline);
        Assert.Equal(0.2, parsed.ValFraction);
        Assert.ThrowsAny<JsonException>(() => JsonSerializer.Deserialize<LinearEvalParams>("""{"epoch": 5}""", ParamsJson.Options));
    }

    [Fact]
    public void The_stage_declares_its_ports()
    {
        var descriptor = new LinearEvalStage().Descriptor;

        Assert.Equal("linear-eval", descriptor.TypeName);
        Assert.Equal(1, descriptor.Version);
        Assert.Equal([("encoder", ArtifactTypes.Encoder), ("dataset", ArtifactTypes.Dataset)], descriptor.Inputs.Select(p => (p.Name, p.ArtifactType)));
        Assert.Equal(
            [("classifier", ArtifactTypes.Classifier), ("predictions", ArtifactTypes.Table), ("metrics", ArtifactTypes.Table), ("plots", ArtifactTypes.Images)],
            descriptor.Outputs.Select(p => (p.Name, p.ArtifactType)));
    }
}
