using Pipeline.Stages.Download.Http;

namespace Pipeline.Stages.Download.Tests.Http;

public sealed class RetryBudgetTests
{
    private static RetryBudget Budget(int maxRetries = 2) => new(maxRetries, TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(60));

    [Fact]
    public void Failures_without_progress_are_bounded_by_max_retries()
    {
        var budget = Budget();
        Assert.True(budget.Failed(0));
        Assert.True(budget.Failed(0));
        Assert.False(budget.Failed(0));
        Assert.Equal(3, budget.Failures);
    }

    [Fact]
    public void Progress_is_always_retried_and_resets_the_count()
    {
        var budget = Budget(maxRetries: 0);
        for (var position = 1; position <= 1000; position++)
        {
            Assert.True(budget.Failed(position * 2_000_000L));
        }

        Assert.Equal(0, budget.FailuresWithoutProgress);
        Assert.False(budget.Failed(1000 * 2_000_000L));
    }

    [Fact]
    public void Starting_over_below_the_furthest_byte_is_not_progress()
    {
        var budget = Budget();
        Assert.True(budget.Failed(500));
        Assert.True(budget.Failed(300));
        Assert.True(budget.Failed(500));
        Assert.False(budget.Failed(400));
    }

    [Fact]
    public void The_delay_doubles_without_progress_is_capped_and_resets_after_progress()
    {
        var budget = Budget(maxRetries: 10);
        budget.Failed(0);
        Assert.Equal(TimeSpan.FromSeconds(2), budget.NextDelay(0.5));
        budget.Failed(0);
        budget.Failed(0);
        Assert.Equal(TimeSpan.FromSeconds(8), budget.NextDelay(0.5));
        for (var i = 0; i < 6; i++)
        {
            budget.Failed(0);
        }

        Assert.Equal(TimeSpan.FromSeconds(60), budget.NextDelay(0.5));
        budget.Failed(10);
        Assert.Equal(TimeSpan.FromSeconds(2), budget.NextDelay(0.5));
        Assert.Equal(TimeSpan.FromSeconds(1.5), budget.NextDelay(0));
    }
}
