namespace Pipeline.Engine.Execution.Slurm;

/// <summary>A Slurm job's state and exit code as <c>scontrol show job</c> reports them.</summary>
public sealed record SlurmJobState(string State, string ExitCode, string? Reason)
{
    private static readonly string[] Terminal =
        ["COMPLETED", "FAILED", "CANCELLED", "TIMEOUT", "PREEMPTED", "NODE_FAIL", "OUT_OF_MEMORY", "BOOT_FAIL", "DEADLINE", "REVOKED"];

    private static readonly string[] NotStarted = ["PENDING", "CONFIGURING", "REQUEUED", "REQUEUE_HOLD", "REQUEUE_FED", "RESV_DEL_HOLD", "SPECIAL_EXIT"];

    /// <summary>False while the job waits in the queue (nothing of it runs, so there is nothing to signal).</summary>
    public bool HasStarted => !NotStarted.Contains(State);

    /// <summary>True once the job will not run any more.</summary>
    public bool IsFinished => Terminal.Contains(State);

    /// <summary>Parses one line of <c>scontrol show job -o</c>; null when it is not a job record.</summary>
    public static SlurmJobState? Parse(string line)
    {
        string? Field(string name)
        {
            foreach (var token in line.Split(' ', StringSplitOptions.RemoveEmptyEntries))
            {
                if (token.StartsWith(name + "=", StringComparison.Ordinal))
                {
                    return token[(name.Length + 1)..];
                }
            }

            return null;
        }

        var state = Field("JobState");
        return state is null ? null : new SlurmJobState(state, Field("ExitCode") ?? "?", Field("Reason"));
    }
}
