using Pipeline.Ml.Optim;

namespace Pipeline.Ml.Tests.Optim;

public class WarmupCosineScheduleTests
{
    private readonly WarmupCosineSchedule schedule = new(baseLearningRate: 1.0, warmupSteps: 10, totalSteps: 101, finalLearningRate: 0.01);

    [Fact]
    public void Warmup_rises_linearly_to_the_base_rate()
    {
        Assert.Equal(0.1, schedule.At(0), 12);
        Assert.Equal(0.5, schedule.At(4), 12);
        Assert.Equal(1.0, schedule.At(9), 12);
    }

    [Fact]
    public void Decay_starts_at_base_ends_at_final_and_halves_at_the_midpoint()
    {
        Assert.Equal(1.0, schedule.At(10), 12);
        Assert.Equal(0.01 + (0.99 / 2), schedule.At(55), 12);
        Assert.Equal(0.01, schedule.At(100), 12);
        Assert.Equal(0.01, schedule.At(101), 12);
        Assert.Equal(0.01, schedule.At(10_000), 12);
    }

    [Fact]
    public void Decay_never_increases()
    {
        for (long step = 10; step < 101; step++)
        {
            Assert.True(schedule.At(step + 1) <= schedule.At(step), $"lr rose between steps {step} and {step + 1}");
        }
    }

    [Fact]
    public void Without_warmup_the_first_step_uses_the_base_rate()
    {
        var noWarmup = new WarmupCosineSchedule(0.3, 0, 5);

        Assert.Equal(0.3, noWarmup.At(0), 12);
        Assert.Equal(0.0, noWarmup.At(4), 12);
    }

    [Fact]
    public void A_single_step_run_uses_the_base_rate()
    {
        Assert.Equal(0.3, new WarmupCosineSchedule(0.3, 0, 1).At(0), 12);
    }

    [Fact]
    public void Rejects_inconsistent_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(1, 10, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(1, 0, 0));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(1, 0, 10, finalLearningRate: 2));
        Assert.Throws<ArgumentOutOfRangeException>(() => new WarmupCosineSchedule(-1, 0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => schedule.At(-1));
    }
}
