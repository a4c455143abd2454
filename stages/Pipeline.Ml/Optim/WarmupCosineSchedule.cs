namespace Pipeline.Ml.Optim;

/// <summary>
/// Linear warm-up then cosine decay without restarts (Loshchilov and Hutter 2017, SGDR; used by SimCLR,
/// Chen et al. 2020, section B.1). Over <c>TotalSteps</c> steps 0..T-1 with W warm-up steps:
/// lr(s) = base·(s+1)/W for s &lt; W, so the last warm-up step reaches base;
/// lr(s) = final + (base - final)·(1 + cos(π·(s-W)/(T-1-W)))/2 for W ≤ s ≤ T-1, so lr(W) = base and lr(T-1) = final;
/// lr(s) = final for s ≥ T. When W = T-1 there is no decay phase and the last step uses base.
/// </summary>
public sealed class WarmupCosineSchedule : ILearningRateSchedule
{
    /// <summary>Creates the schedule.</summary>
    /// <param name="baseLearningRate">Peak learning rate, reached at the end of warm-up.</param>
    /// <param name="warmupSteps">Warm-up steps W, 0 for none; less than <paramref name="totalSteps"/>.</param>
    /// <param name="totalSteps">Total optimiser steps T, at least 1.</param>
    /// <param name="finalLearningRate">Learning rate at the last step, at most the base.</param>
    public WarmupCosineSchedule(double baseLearningRate, long warmupSteps, long totalSteps, double finalLearningRate = 0)
    {
        if (!(baseLearningRate >= 0) || double.IsInfinity(baseLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(baseLearningRate), baseLearningRate, "Must be a non-negative finite number.");
        }
        if (!(finalLearningRate >= 0 && finalLearningRate <= baseLearningRate))
        {
            throw new ArgumentOutOfRangeException(nameof(finalLearningRate), finalLearningRate, $"Must be between 0 and the base learning rate {baseLearningRate}.");
        }
        ArgumentOutOfRangeException.ThrowIfLessThan(totalSteps, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(warmupSteps);
        ArgumentOutOfRangeException.ThrowIfGreaterThanOrEqual(warmupSteps, totalSteps);
        BaseLearningRate = baseLearningRate;
        WarmupSteps = warmupSteps;
        TotalSteps = totalSteps;
        FinalLearningRate = finalLearningRate;
    }

    /// <summary>Peak learning rate.</summary>
    public double BaseLearningRate { get; }

    /// <summary>Number of warm-up steps.</summary>
    public long WarmupSteps { get; }

    /// <summary>Total number of steps.</summary>
    public long TotalSteps { get; }

    /// <summary>Learning rate at the last step and after.</summary>
    public double FinalLearningRate { get; }

    /// <inheritdoc/>
    public double At(long step)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(step);
        if (step < WarmupSteps)
        {
            return BaseLearningRate * (step + 1) / WarmupSteps;
        }
        if (step >= TotalSteps)
        {
            return FinalLearningRate;
        }
        var decaySteps = TotalSteps - 1 - WarmupSteps;
        if (decaySteps == 0)
        {
            return BaseLearningRate;
        }
        var progress = (double)(step - WarmupSteps) / decaySteps;
        return FinalLearningRate + ((BaseLearningRate - FinalLearningRate) * (1 + Math.Cos(Math.PI * progress)) / 2);
    }
}
