using Pipeline.Ml.Optim;

namespace Pipeline.Ml.Tests.Optim;

public class ConstantScheduleTests
{
    [Fact]
    public void Same_rate_at_every_step()
    {
        var schedule = new ConstantSchedule(0.06);

        Assert.Equal(0.06, schedule.At(0));
        Assert.Equal(0.06, schedule.At(1_000_000));
    }

    [Fact]
    public void Rejects_a_negative_rate_and_step()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(-0.1));
        Assert.Throws<ArgumentOutOfRangeException>(() => new ConstantSchedule(0.1).At(-1));
    }
}
