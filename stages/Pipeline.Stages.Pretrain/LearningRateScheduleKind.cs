namespace Pipeline.Stages.Pretrain;

/// <summary>The learning-rate schedules the <c>schedule</c> param names.</summary>
public enum LearningRateScheduleKind
{
    /// <summary>The same learning rate every step (after any warm-up there is none: constant means constant).</summary>
    Constant,

    /// <summary>Linear warm-up over <c>warmup_epochs</c>, then cosine decay to 0 at the last step.</summary>
    Cosine,
}
