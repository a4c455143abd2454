using System.Text.Json;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Pretrain.Tests;

public sealed class ParamsTests
{
    [Fact]
    public void Defaults_are_the_reference_experiment_and_valid()
    {
        var p = new SimClrPretrainParams();

        Assert.Empty(p.Validate());
        Assert.Equal(("unlabeled", 30, 256, PretrainOptimizer.Sgd, 0.06, 0.0, 0.0), (p.Split, p.Epochs, p.BatchSize, p.Optimizer, p.Lr, p.Momentum, p.WeightDecay));
        Assert.Equal((LearningRateScheduleKind.Constant, 0.5, false, false, 96), (p.Schedule, p.Temperature, p.SmallImageStem, p.HeadBatchNorm, p.InputSize));
    }

    [Fact]
    public void Yaml_keys_and_values_are_snake_case()
    {
        var json = JsonSerializer.Serialize(new SimClrPretrainParams { Optimizer = PretrainOptimizer.AdamW, Split = "unlabeled+train" }, ParamsJson.Options);
        using var doc = JsonDocument.Parse(json);
        var keys = doc.RootElement.EnumerateObject().Select(p => p.Name).ToHashSet();

        Assert.Equal("adamw", doc.RootElement.GetProperty("optimizer").GetString());
        Assert.Equal("constant", doc.RootElement.GetProperty("schedule").GetString());
        Assert.Equal("cpu", doc.RootElement.GetProperty("device").GetString());
        Assert.Subset(keys, new HashSet<string>
        {
            "split", "max_images", "epochs", "batch_size", "lr", "momentum", "weight_decay", "warmup_epochs", "temperature",
            "small_image_stem", "head_batch_norm", "input_size", "cj_prob", "cj_strength", "min_scale", "random_gray_scale",
            "gaussian_blur", "kernel_size", "sigma_min", "sigma_max", "hf_prob", "vf_prob", "rr_prob", "normalize",
            "threads", "checkpoint_every", "log_every_n_steps",
        });
        Assert.Equal(PretrainOptimizer.AdamW, JsonSerializer.Deserialize<SimClrPretrainParams>("""{"optimizer":"adamw"}""", ParamsJson.Options)!.Optimizer);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_key()
    {
        var p = new SimClrPretrainParams
        {
            Split = "everything",
            Lr = 0,
            Momentum = 1.5,
            WeightDecay = -1,
            Temperature = 0,
            WarmupEpochs = 2,
            MaxImages = 10,
            CjProb = 2,
            SigmaMax = 0.01,
        };

        var keys = p.Validate().Select(e => e.Key).ToList();

        Assert.Equal(["split", "lr", "momentum", "weight_decay", "temperature", "warmup_epochs", "max_images", "cj_prob", "sigma_max"], keys);
    }

    [Fact]
    public void Range_attributes_reject_a_batch_of_one_and_zero_epochs()
    {
        var p = new SimClrPretrainParams { BatchSize = 1, Epochs = 0 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(p, new(p), results, validateAllProperties: true);

        Assert.Equal(["BatchSize", "Epochs"], results.SelectMany(r => r.MemberNames).Order());
    }

    [Fact]
    public void Momentum_with_adam_and_warmup_with_a_constant_schedule_are_rejected()
    {
        var errors = new SimClrPretrainParams { Optimizer = PretrainOptimizer.Adam, Momentum = 0.9, WarmupEpochs = 1 }.Validate().ToList();

        Assert.Contains(errors, e => e.Key == "momentum" && e.Message.Contains("only sgd"));
        Assert.Contains(errors, e => e.Key == "warmup_epochs" && e.Message.Contains("cosine"));
    }

    [Fact]
    public void Backbone_defaults_to_resnet18_and_narrow_options_reach_the_encoder()
    {
        Assert.True(new SimClrPretrainParams().ToBackboneOptions(3).IsResNet18);
        var p = JsonSerializer.Deserialize<SimClrPretrainParams>("""{"width":32,"blocks_per_stage":1,"max_pool":false}""", ParamsJson.Options)!;

        var options = p.ToBackboneOptions(1);

        Assert.Empty(p.Validate());
        Assert.Equal(new Pipeline.Ml.Backbones.ResNet18BackboneOptions(1, false, 32, 1, false), options);
        Assert.Equal(256, options.FeatureDimension);
    }

    [Fact]
    public void Range_attributes_reject_zero_width_and_zero_blocks()
    {
        var p = new SimClrPretrainParams { Width = 0, BlocksPerStage = 0 };
        var results = new List<System.ComponentModel.DataAnnotations.ValidationResult>();

        System.ComponentModel.DataAnnotations.Validator.TryValidateObject(p, new(p), results, validateAllProperties: true);

        Assert.Equal(["BlocksPerStage", "Width"], results.SelectMany(r => r.MemberNames).Order());
    }
}
