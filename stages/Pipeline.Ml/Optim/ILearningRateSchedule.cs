namespace Pipeline.Ml.Optim;

/// <summary>A learning-rate schedule: a pure function of the optimiser step (0-based).</summary>
public interface ILearningRateSchedule
{
    /// <summary>The learning rate to use for optimiser step <paramref name="step"/> (0-based).</summary>
    double At(long step);
}
