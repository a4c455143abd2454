namespace Pipeline.Tracking.Spool;

/// <summary>File names of a spool inside the folder the caller gives (the pipeline run's ledger folder).</summary>
public static class SpoolPaths
{
    /// <summary>The JSON-lines event file.</summary>
    public static string Events(string spoolDirectory) => Path.Combine(spoolDirectory, "mlflow-spool.jsonl");

    /// <summary>The replay progress: last acknowledged sequence number and local-to-server run id map.</summary>
    public static string Offset(string spoolDirectory) => Path.Combine(spoolDirectory, "mlflow-spool.offset.json");
}
