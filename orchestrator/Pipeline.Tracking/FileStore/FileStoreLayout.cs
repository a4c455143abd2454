namespace Pipeline.Tracking.FileStore;

/// <summary>Paths of MLflow's file store: <c>&lt;root&gt;/&lt;experiment_id&gt;/&lt;run_id&gt;/{meta.yaml,params,tags,metrics,artifacts}</c>.</summary>
internal sealed class FileStoreLayout
{
    public const string MetaFile = "meta.yaml";
    public const string TrashFolder = ".trash";

    public FileStoreLayout(string root) => Root = Path.GetFullPath(root);

    public string Root { get; }

    public string Experiment(string experimentId) => Path.Combine(Root, experimentId);

    public string ExperimentMeta(string experimentId) => Path.Combine(Experiment(experimentId), MetaFile);

    public string Run(string experimentId, string runId) => Path.Combine(Experiment(experimentId), runId);

    public string RunMeta(string experimentId, string runId) => Path.Combine(Run(experimentId, runId), MetaFile);

    /// <summary>A metric/param/tag file; '/' in the key becomes subfolders, as in MLflow.</summary>
    public string Entry(string experimentId, string runId, string kind, string key) =>
        Path.Combine([Run(experimentId, runId), kind, .. key.Split('/')]);

    public string Artifacts(string experimentId, string runId) => Path.Combine(Run(experimentId, runId), "artifacts");

    public string ArtifactLocation(string experimentId) => new Uri(Experiment(experimentId)).AbsoluteUri;

    public static bool IsRunId(string name) => name.Length == 32 && name.All(char.IsAsciiHexDigitLower);
}
