using System.ComponentModel.DataAnnotations;
using Pipeline.Ml.Augment;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Pretrain;

/// <summary>
/// Params of <c>simclr-pretrain</c>. The defaults are the reference experiment: lightly's SimCLR on STL-10's
/// unlabeled split, ResNet-18 with the ImageNet stem, Linear-ReLU-Linear head, 30 epochs of batch 256 with plain
/// <c>torch.optim.SGD(lr=0.06)</c> (momentum 0, no weight decay, constant learning rate), NT-Xent at τ = 0.5.
/// </summary>
public sealed record SimClrPretrainParams : IValidatableParams
{
    /// <summary>The split(s) to train on: <c>unlabeled</c>, <c>train</c> or <c>unlabeled+train</c>.</summary>
    public string Split { get; init; } = PretrainSplits.Unlabeled;

    /// <summary>Use only the first N images of the split(s) (smoke runs); null uses all.</summary>
    [Range(1, int.MaxValue)]
    public int? MaxImages { get; init; }

    /// <summary>Passes over the images.</summary>
    [Range(1, 100_000)]
    public int Epochs { get; init; } = 30;

    /// <summary>Images per step (each seen in two views); the last incomplete batch of an epoch is dropped.</summary>
    [Range(2, 1_000_000)]
    public int BatchSize { get; init; } = 256;

    /// <summary><c>sgd</c>, <c>adam</c> or <c>adamw</c>.</summary>
    public PretrainOptimizer Optimizer { get; init; } = PretrainOptimizer.Sgd;

    /// <summary>Base learning rate.</summary>
    public double Lr { get; init; } = 0.06;

    /// <summary>SGD momentum; 0 as in the reference experiment's plain <c>torch.optim.SGD(lr=0.06)</c>.</summary>
    public double Momentum { get; init; }

    /// <summary>L2 penalty (sgd, adam) or decoupled decay (adamw).</summary>
    public double WeightDecay { get; init; }

    /// <summary><c>constant</c> or <c>cosine</c> (linear warm-up, then cosine decay to 0).</summary>
    public LearningRateScheduleKind Schedule { get; init; } = LearningRateScheduleKind.Constant;

    /// <summary>Epochs of linear warm-up (cosine schedule only).</summary>
    [Range(0, 100_000)]
    public int WarmupEpochs { get; init; }

    /// <summary>NT-Xent temperature τ.</summary>
    public double Temperature { get; init; } = 0.5;

    /// <summary>3x3 stride-1 stem without max-pool, for 28-32 px images.</summary>
    public bool SmallImageStem { get; init; }

    /// <summary>Channels of the encoder's first residual stage (stages: width, 2, 4, 8 x width; features 8 x width); 64 is ResNet-18.</summary>
    [Range(1, 1024)]
    public int Width { get; init; } = Pipeline.Ml.Backbones.ResNet18BackboneOptions.ResNet18Width;

    /// <summary>Basic blocks in each of the encoder's four stages; 2 is ResNet-18, 1 a ResNet-10.</summary>
    [Range(1, 16)]
    public int BlocksPerStage { get; init; } = Pipeline.Ml.Backbones.ResNet18BackboneOptions.ResNet18BlocksPerStage;

    /// <summary>The max-pool after the stem; unset takes the stem's own (on for the ImageNet stem, off for the small-image stem).</summary>
    public bool? MaxPool { get; init; }

    /// <summary>The encoder these params describe, for images with <paramref name="channels"/> channels.</summary>
    public Pipeline.Ml.Backbones.ResNet18BackboneOptions ToBackboneOptions(int channels) =>
        new(channels, SmallImageStem, Width, BlocksPerStage, MaxPool);

    /// <summary>BatchNorm1d in the projection head (lightly's newer default); false gives Linear-ReLU-Linear as the reference.</summary>
    public bool HeadBatchNorm { get; init; }

    /// <summary>Side of the random resized crop fed to the network.</summary>
    [Range(8, 4096)]
    public int InputSize { get; init; } = 96;

    /// <summary>Probability of colour jitter.</summary>
    public double CjProb { get; init; } = 0.8;

    /// <summary>Colour jitter strength s (brightness, contrast, saturation 0.8·s, hue 0.2·s).</summary>
    public double CjStrength { get; init; } = 0.5;

    /// <summary>Smallest crop area as a fraction of the image.</summary>
    public double MinScale { get; init; } = 0.08;

    /// <summary>Probability of converting to grayscale.</summary>
    public double RandomGrayScale { get; init; } = 0.2;

    /// <summary>Probability of Gaussian blur.</summary>
    public double GaussianBlur { get; init; } = 0.5;

    /// <summary>Blur kernel size as a fraction of the input size.</summary>
    public double KernelSize { get; init; } = 0.1;

    /// <summary>Smallest blur σ.</summary>
    public double SigmaMin { get; init; } = 0.1;

    /// <summary>Largest blur σ.</summary>
    public double SigmaMax { get; init; } = 2.0;

    /// <summary>Probability of a horizontal flip.</summary>
    public double HfProb { get; init; } = 0.5;

    /// <summary>Probability of a vertical flip.</summary>
    public double VfProb { get; init; }

    /// <summary>Probability of a 90° rotation.</summary>
    public double RrProb { get; init; }

    /// <summary>Normalise with the ImageNet mean and standard deviation.</summary>
    public bool Normalize { get; init; } = true;

    /// <summary><c>cpu</c> or <c>cuda</c>.</summary>
    [Operational]
    public TrainingDevice Device { get; init; } = TrainingDevice.Cpu;

    /// <summary>Intra-op CPU threads; 0 uses every core.</summary>
    [Range(0, 4096)]
    [Operational]
    public int Threads { get; init; }

    /// <summary>Write a resumable checkpoint every N epochs (and always on cancellation and at the end).</summary>
    [Range(1, 100_000)]
    [Operational]
    public int CheckpointEvery { get; init; } = 1;

    /// <summary>Log <c>train_loss_step</c> every N optimiser steps.</summary>
    [Range(1, 1_000_000)]
    [Operational]
    public int LogEveryNSteps { get; init; } = 10;

    /// <summary>The augmentation these params describe.</summary>
    public SimClrAugmentOptions ToAugmentOptions() => new()
    {
        InputSize = InputSize,
        CjProb = CjProb,
        CjStrength = CjStrength,
        MinScale = MinScale,
        RandomGrayScale = RandomGrayScale,
        GaussianBlur = GaussianBlur,
        KernelSize = KernelSize,
        SigmaMin = SigmaMin,
        SigmaMax = SigmaMax,
        HfProb = HfProb,
        VfProb = VfProb,
        RrProb = RrProb,
        Normalize = Normalize,
    };

    /// <inheritdoc />
    public IEnumerable<ParamError> Validate()
    {
        if (!PretrainSplits.IsValid(Split))
        {
            yield return new ParamError("split", $"'{Split}' is not one of {string.Join(", ", PretrainSplits.All)}");
        }
        if (!(Lr > 0) || double.IsInfinity(Lr))
        {
            yield return new ParamError("lr", $"must be a positive finite number, got {Lr}");
        }
        if (!(Momentum >= 0 && Momentum < 1))
        {
            yield return new ParamError("momentum", $"must be in [0, 1), got {Momentum}");
        }
        if (Momentum > 0 && Optimizer != PretrainOptimizer.Sgd)
        {
            yield return new ParamError("momentum", $"only sgd uses momentum; set it to 0 for {Optimizer.ToString().ToLowerInvariant()}");
        }
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            yield return new ParamError("weight_decay", $"must be a non-negative finite number, got {WeightDecay}");
        }
        if (!(Temperature >= 1e-8) || double.IsInfinity(Temperature))
        {
            yield return new ParamError("temperature", $"must be a positive finite number (at least 1e-8), got {Temperature}");
        }
        if (WarmupEpochs > 0 && Schedule != LearningRateScheduleKind.Cosine)
        {
            yield return new ParamError("warmup_epochs", "warm-up needs schedule: cosine");
        }
        if (WarmupEpochs >= Epochs && WarmupEpochs > 0)
        {
            yield return new ParamError("warmup_epochs", $"must be less than epochs ({Epochs}), got {WarmupEpochs}");
        }
        if (MaxImages is { } max && max < BatchSize)
        {
            yield return new ParamError("max_images", $"must be at least batch_size ({BatchSize}): the last incomplete batch is dropped, so no step would run");
        }
        foreach (var message in ToAugmentOptions().Validate())
        {
            yield return new ParamError(AugmentKeys.KeyFor(message), message);
        }
    }
}
