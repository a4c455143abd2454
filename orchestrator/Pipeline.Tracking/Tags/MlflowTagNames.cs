namespace Pipeline.Tracking.Tags;

/// <summary>System tag names the MLflow UI understands.</summary>
public static class MlflowTagNames
{
    /// <summary>Run display name.</summary>
    public const string RunName = "mlflow.runName";

    /// <summary>Parent run id; makes the UI nest a child run under its parent.</summary>
    public const string ParentRunId = "mlflow.parentRunId";

    /// <summary>Source (the pipeline file).</summary>
    public const string SourceName = "mlflow.source.name";

    /// <summary>Source type; we use LOCAL.</summary>
    public const string SourceType = "mlflow.source.type";

    /// <summary>Git commit of the source.</summary>
    public const string GitCommit = "mlflow.source.git.commit";

    /// <summary>User who started the run.</summary>
    public const string User = "mlflow.user";
}
