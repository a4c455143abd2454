using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Io;
using Pipeline.Tracking.Limits;
using Pipeline.Tracking.Tags;

namespace Pipeline.Tracking.FileStore;

/// <summary>
/// Tracks into a local MLflow file store (default ./mlruns) in MLflow's own layout, so
/// <c>mlflow ui --backend-store-uri ./mlruns</c> shows the runs.
/// </summary>
public sealed class FileStoreTracker : IExperimentTracker
{
    private readonly FileStoreLayout _layout;
    private readonly string _experimentName;
    private readonly TrackerOptions _options;
    private readonly ILogger _logger;
    private readonly EntryValidator _validator;
    private readonly ExperimentCatalog _catalog;
    private string? _experimentId;

    /// <summary>Creates a tracker on the store folder <paramref name="root"/> for one experiment.</summary>
    public FileStoreTracker(string root, string experimentName, TrackerOptions options)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentException.ThrowIfNullOrEmpty(experimentName);
        ArgumentNullException.ThrowIfNull(options);
        _layout = new FileStoreLayout(root);
        _experimentName = experimentName;
        _options = options;
        _logger = options.LoggerFactory.CreateLogger("Pipeline.Tracking.FileStore");
        _validator = new EntryValidator(_logger);
        _catalog = new ExperimentCatalog(_layout, Now, _logger);
    }

    /// <inheritdoc />
    public string Description => $"FileStore {_layout.Root}, experiment '{_experimentName}'";

    /// <inheritdoc />
    public Task<string?> GetOrCreateExperimentAsync(CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        _experimentId ??= _catalog.GetOrCreate(_experimentName).Id;
        return Task.FromResult<string?>(_experimentId);
    }

    /// <inheritdoc />
    public Task<ITrackedRun> StartRunAsync(
        string runName, string? parentRunId, IReadOnlyDictionary<string, string> tags, CancellationToken cancellationToken) =>
        StartRunAsync(runName, parentRunId, tags, null, cancellationToken);

    /// <inheritdoc />
    public async Task<ITrackedRun> StartRunAsync(
        string runName, string? parentRunId, IReadOnlyDictionary<string, string> tags, DateTimeOffset? startTime, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrEmpty(runName);
        var experimentId = (await GetOrCreateExperimentAsync(cancellationToken).ConfigureAwait(false))!;
        var runId = Guid.NewGuid().ToString("N");
        var meta = new RunMeta(
            runId,
            experimentId,
            runName,
            _options.UserName,
            RunStatus.Running,
            startTime?.ToUnixTimeMilliseconds() ?? Now(),
            null,
            new Uri(_layout.Artifacts(experimentId, runId)).AbsoluteUri);

        Directory.CreateDirectory(_layout.Artifacts(experimentId, runId));
        foreach (var folder in new[] { "metrics", "params", "tags" })
        {
            Directory.CreateDirectory(Path.Combine(_layout.Run(experimentId, runId), folder));
        }

        var allTags = new Dictionary<string, string>(tags, StringComparer.Ordinal);
        allTags.TryAdd(MlflowTagNames.RunName, runName);
        if (parentRunId is not null)
        {
            allTags[MlflowTagNames.ParentRunId] = parentRunId;
        }

        foreach (var (key, value) in allTags)
        {
            AtomicFile.WriteAllText(_layout.Entry(experimentId, runId, "tags", key), _validator.Tag(key, value));
        }

        meta.Write(_layout.RunMeta(experimentId, runId));
        _logger.LogInformation("Started run {RunId} '{RunName}' in {Root}/{ExperimentId}.", runId, runName, _layout.Root, experimentId);
        return new FileStoreRun(_layout, meta, _validator, _logger, Now);
    }

    /// <inheritdoc />
    public async Task<IReadOnlyList<TrackedRunInfo>> FindRunsAsync(string tagKey, string tagValue, CancellationToken cancellationToken)
    {
        var experimentId = (await GetOrCreateExperimentAsync(cancellationToken).ConfigureAwait(false))!;
        var found = new List<TrackedRunInfo>();
        foreach (var folder in Directory.EnumerateDirectories(_layout.Experiment(experimentId)))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var runId = Path.GetFileName(folder);
            var tagFile = _layout.Entry(experimentId, runId, "tags", tagKey);
            if (FileStoreLayout.IsRunId(runId) && File.Exists(tagFile) && File.ReadAllText(tagFile) == tagValue
                && RunReader.Read(_layout, experimentId, runId) is { } run)
            {
                found.Add(run);
            }
        }

        return found;
    }

    /// <inheritdoc />
    public Task<TrackedRunInfo?> GetRunAsync(string runId, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Locate(runId) is { } experimentId ? RunReader.Read(_layout, experimentId, runId) : null);
    }

    /// <inheritdoc />
    public Task<IReadOnlyList<MetricPoint>> GetMetricHistoryAsync(string runId, string key, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var file = Locate(runId) is { } experimentId ? Path.Combine(_layout.Run(experimentId, runId), "metrics", key) : null;
        return Task.FromResult<IReadOnlyList<MetricPoint>>(file is not null && File.Exists(file) ? MetricLine.ReadFile(file, key) : []);
    }

    /// <inheritdoc />
    public Task SetRunStatusAsync(string runId, RunStatus status, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var experimentId = Locate(runId) ?? throw new TrackingException($"Run {runId} not found in {_layout.Root}.");
        var path = _layout.RunMeta(experimentId, runId);
        var meta = RunMeta.TryRead(path) ?? throw new TrackingException($"Run {runId} in {_layout.Root} has an unreadable meta.yaml.");
        (meta with { Status = status, EndTime = Now() }).Write(path);
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private string? Locate(string runId)
    {
        if (!FileStoreLayout.IsRunId(runId))
        {
            return null;
        }

        return _catalog.ScanAll().Select(e => e.Id).FirstOrDefault(id => File.Exists(_layout.RunMeta(id, runId)));
    }

    private long Now() => _options.Time.GetUtcNow().ToUnixTimeMilliseconds();
}
