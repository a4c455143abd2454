namespace Pipeline.Tracking.Spool;

/// <summary>The kinds of event a spool holds.</summary>
internal static class SpoolRecordType
{
    public const string CreateRun = "create_run";
    public const string LogBatch = "log_batch";
    public const string UpdateRun = "update_run";
    public const string LogArtifact = "log_artifact";
    public const string LogInputs = "log_inputs";
}
