using System.ComponentModel.DataAnnotations;
using Pipeline.Ml.Optim;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.LinearEval;

/// <summary>
/// Params of <c>linear-eval</c>. Defaults follow the reference experiment (Adam, lr 0.001, batch 512, 10% of the
/// labelled train split held out for validation). <see cref="Epochs"/> is 100 because, with frozen features computed
/// once, an epoch over 4,500 STL-10 feature vectors takes milliseconds and the epoch with the best validation
/// accuracy is kept, so training longer than needed costs seconds and cannot hurt the test number.
/// </summary>
public sealed class LinearEvalParams : IValidatableParams
{
    /// <summary>Passes over the training features.</summary>
    [Range(1, 100_000)]
    public int Epochs { get; init; } = 100;

    /// <summary>Samples per optimiser step (also images per encoder forward).</summary>
    [Range(1, 65_536)]
    public int BatchSize { get; init; } = 512;

    /// <summary>The optimiser: <c>adam</c>, <c>adam_w</c> or <c>sgd</c> (momentum 0.9).</summary>
    public OptimizerKind Optimizer { get; init; } = OptimizerKind.Adam;

    /// <summary>Constant learning rate.</summary>
    public double Lr { get; init; } = 0.001;

    /// <summary>L2 penalty (decoupled for adam_w).</summary>
    public double WeightDecay { get; init; }

    /// <summary>Fraction of the labelled train split held out for validation, stratified by class, chosen by the seed; 0 keeps the last epoch.</summary>
    public double ValFraction { get; init; } = 0.1;

    /// <summary>Train-time augmentation (flip, colour jitter p 0.1, grayscale p 0.1); features are then recomputed for every batch.</summary>
    public bool Augment { get; init; }

    /// <summary>Also evaluate the same architecture with random weights (prefix <c>baseline_</c>).</summary>
    public bool Baseline { get; init; } = true;

    /// <summary>Also probe the normalised pixels, flattened (prefix <c>pixel_</c>).</summary>
    public bool PixelBaseline { get; init; }

    /// <summary>Neighbours of the weighted k-NN classifier.</summary>
    [Range(1, 100_000)]
    public int KnnK { get; init; } = 200;

    /// <summary>Temperature of the weighted k-NN classifier.</summary>
    public double KnnTemperature { get; init; } = 0.1;

    /// <summary><c>cpu</c> or <c>cuda</c> (needs a CUDA build: -p:TorchDevice=cuda).</summary>
    [Operational]
    public string Device { get; init; } = "cpu";

    /// <summary>Intra-op CPU threads; 0 keeps libtorch's default.</summary>
    [Range(0, 1024)]
    [Operational]
    public int Threads { get; init; }

    /// <summary>The optimiser settings these params describe.</summary>
    public OptimizerSettings OptimizerSettings() =>
        new(Optimizer, LearningRate: Lr, WeightDecay: WeightDecay);

    /// <inheritdoc />
    public IEnumerable<ParamError> Validate()
    {
        if (Epochs < 1)
        {
            yield return new ParamError("epochs", $"must be at least 1, got {Epochs}");
        }
        if (BatchSize < 1)
        {
            yield return new ParamError("batch_size", $"must be at least 1, got {BatchSize}");
        }
        if (!Enum.IsDefined(Optimizer))
        {
            yield return new ParamError("optimizer", $"'{Optimizer}' is not one of adam, adam_w, sgd");
        }
        if (!(Lr > 0) || double.IsInfinity(Lr))
        {
            yield return new ParamError("lr", $"must be a positive finite number, got {Lr}");
        }
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            yield return new ParamError("weight_decay", $"must be 0 or a positive finite number, got {WeightDecay}");
        }
        if (!(ValFraction >= 0 && ValFraction < 1))
        {
            yield return new ParamError("val_fraction", $"must be in [0, 1), got {ValFraction}");
        }
        if (KnnK < 1)
        {
            yield return new ParamError("knn_k", $"must be at least 1, got {KnnK}");
        }
        if (!(KnnTemperature > 0) || double.IsInfinity(KnnTemperature))
        {
            yield return new ParamError("knn_temperature", $"must be a positive finite number, got {KnnTemperature}");
        }
        if (Device is not ("cpu" or "cuda"))
        {
            yield return new ParamError("device", $"must be 'cpu' or 'cuda', got '{Device}'");
        }
        if (Threads < 0)
        {
            yield return new ParamError("threads", $"must be 0 (libtorch default) or more, got {Threads}");
        }
    }
}
