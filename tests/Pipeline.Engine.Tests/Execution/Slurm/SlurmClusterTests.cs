using Pipeline.Engine.Execution.Slurm;

namespace Pipeline.Engine.Tests.Execution.Slurm;

/// <summary>What the cluster allows a stopping job, and the orchestrator's wait fitted to it.</summary>
public sealed class SlurmClusterTests
{
    [Fact]
    public void KillWait_is_read_from_its_line_and_defaults_to_slurms_30_seconds()
    {
        // The line's layout as scontrol prints it (the real cluster's output is read in SlurmEndToEndTests).
        Assert.Equal(TimeSpan.FromSeconds(5), SlurmCluster.ParseKillWait("JobCompType             = (null)\nKillWait                = 5 sec\nKillOnBadExit           = 0\n"));
        Assert.Equal(TimeSpan.FromSeconds(120), SlurmCluster.ParseKillWait("KillWait = 120 sec"));
        Assert.Equal(TimeSpan.FromSeconds(30), SlurmCluster.ParseKillWait("KillOnBadExit = 0\n"));
        Assert.Equal(TimeSpan.FromSeconds(30), SlurmCluster.ParseKillWait("UnkillableStepTimeout = 60 sec\n"));
    }

    [Fact]
    public void The_shutdown_budget_covers_the_graceful_stop_both_scancels_and_KillWait()
    {
        var killWait = TimeSpan.FromSeconds(120);
        var budget = SlurmCluster.ShutdownBudget(killWait);
        Assert.True(budget > SlurmExecutor.GracefulStop + (2 * SlurmExecutor.SignalTimeout) + killWait, budget.ToString());
        Assert.True(SlurmCluster.ShutdownBudget(TimeSpan.FromSeconds(5)) < budget);
    }
}
