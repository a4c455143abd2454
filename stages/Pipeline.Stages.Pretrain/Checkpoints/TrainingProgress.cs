using Pipeline.Stages.Pretrain.History;

namespace Pipeline.Stages.Pretrain.Checkpoints;

/// <summary>
/// Where training stands: the epoch being trained (0-based) and how many of its steps are done, the global step,
/// the running loss sum and wall time of the current epoch, and the history so far. At an epoch boundary
/// <see cref="StepInEpoch"/> is 0 and <see cref="Epoch"/> is the next epoch to train.
/// </summary>
internal sealed record TrainingProgress
{
    /// <summary>The epoch being trained, 0-based; equal to the epoch count when training is done.</summary>
    public int Epoch { get; init; }

    /// <summary>Steps of <see cref="Epoch"/> already taken.</summary>
    public int StepInEpoch { get; init; }

    /// <summary>Optimiser steps taken since the start of the run.</summary>
    public long GlobalStep { get; init; }

    /// <summary>Sum of the losses of the steps of <see cref="Epoch"/> taken so far.</summary>
    public double EpochLossSum { get; init; }

    /// <summary>Wall seconds spent on the steps of <see cref="Epoch"/> taken so far (across resumes).</summary>
    public double EpochSeconds { get; init; }

    /// <summary>Every step so far.</summary>
    public IReadOnlyList<HistoryRow> History { get; init; } = [];

    /// <summary>Per finished epoch, its images per second (for the summary's mean).</summary>
    public IReadOnlyList<double> EpochImagesPerSecond { get; init; } = [];

    /// <summary>The state of the augmentation generator after the last step taken; null at an epoch boundary.</summary>
    public byte[]? AugmentRngState { get; init; }

    /// <summary>This progress with every wall-clock figure zeroed: what the <c>checkpoint</c> output records.</summary>
    public TrainingProgress WithoutTimings() => this with
    {
        EpochSeconds = 0,
        History = History.Select(r => r with { ImagesPerSecond = 0 }).ToList(),
        EpochImagesPerSecond = [],
    };

    /// <summary>Nothing trained yet.</summary>
    public static TrainingProgress Start { get; } = new();
}
