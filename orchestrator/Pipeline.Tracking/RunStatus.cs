namespace Pipeline.Tracking;

/// <summary>MLflow run states. Numeric values are the ones MLflow's file store writes in meta.yaml.</summary>
public enum RunStatus
{
    /// <summary>The run is in progress (or its process died without ending it).</summary>
    Running = 1,

    /// <summary>Scheduled but not started; never produced by us, read for completeness.</summary>
    Scheduled = 2,

    /// <summary>Ended normally.</summary>
    Finished = 3,

    /// <summary>Ended with an error.</summary>
    Failed = 4,

    /// <summary>Stopped by the user (cancellation).</summary>
    Killed = 5,
}
