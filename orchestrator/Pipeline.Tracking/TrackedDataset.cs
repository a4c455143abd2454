namespace Pipeline.Tracking;

/// <summary>
/// A dataset a run reads, logged with MLflow's log-inputs so the runs page's Datasets column and filter work.
/// </summary>
/// <param name="Name">The dataset's name (ours: <c>stage.output</c>).</param>
/// <param name="Digest">Our content digest; MLflow keeps at most 36 characters, so longer ones are cut.</param>
/// <param name="Source">Where it is, as MLflow's local source JSON (<c>{"uri": ...}</c>).</param>
/// <param name="Schema">A JSON description of its contents, or null.</param>
/// <param name="Context">How the run uses it: <c>training</c> or <c>evaluation</c> (tag mlflow.data.context).</param>
public sealed record TrackedDataset(string Name, string Digest, string Source, string? Schema, string Context)
{
    /// <summary>MLflow's limit on a dataset digest (mlflow/utils/validation.py MAX_DATASET_DIGEST_SIZE).</summary>
    public const int MaxDigestLength = 36;

    /// <summary>The MLflow tag that carries <see cref="Context"/>.</summary>
    public const string ContextTag = "mlflow.data.context";

    /// <summary>MLflow's source type for a local path.</summary>
    public const string SourceType = "local";

    /// <summary>The digest as MLflow stores it.</summary>
    public string StoredDigest => Digest.Length <= MaxDigestLength ? Digest : Digest[..MaxDigestLength];
}
