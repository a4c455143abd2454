using System.Collections.Concurrent;
using System.Globalization;
using System.Threading.Channels;
using Microsoft.Extensions.Logging;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Validation;
using Pipeline.Tracking;
using Pipeline.Tracking.SystemMetrics;
using Pipeline.Tracking.Tags;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>
/// Records a run in MLflow: one parent run per invocation (every resolved param as <c>stage.param</c>, the
/// pipeline and resolved params as artifacts, each stage's summary metrics as <c>stage.metric</c>) and one child
/// run per stage (its params, metrics with steps, artifacts; cache hits tagged with the run that computed them).
/// Work is queued and done in order in the background, so stages never wait on the network; a tracking failure
/// is logged and never fails the pipeline.
/// </summary>
public sealed partial class TrackingObserver : IRunObserver, IAsyncDisposable
{
    private readonly IExperimentTracker _tracker;
    private readonly ValidatedPipeline _pipeline;
    private readonly ArtifactStore _store;
    private readonly string _runName;
    private readonly string _runId;
    private readonly ILogger _logger;
    private readonly Channel<Func<Task>> _work = Channel.CreateUnbounded<Func<Task>>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _worker;
    private readonly Dictionary<string, ITrackedRun> _children = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, HashSet<string>> _histories = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ConcurrentQueue<(string Path, string? Folder)>> _artifacts = new(StringComparer.Ordinal);
    private readonly IReadOnlyDictionary<string, string> _extraTags;
    private readonly TimeProvider _time;
    private readonly StageSamplers _samplers;
    private readonly ConcurrentDictionary<string, string> _keys = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ResumedHistory> _resumed = new(StringComparer.Ordinal);
    private ITrackedRun? _parent;
    private IReadOnlyDictionary<string, string>? _parentTags;

    /// <summary>
    /// Creates the observer; nothing is sent until the run starts. <paramref name="time"/> stamps stage starts and
    /// ends when the engine reports them (not when the background queue gets to them).
    /// </summary>
    public TrackingObserver(
        IExperimentTracker tracker,
        ValidatedPipeline pipeline,
        ArtifactStore store,
        string runId,
        string? runName,
        ILogger logger,
        IReadOnlyDictionary<string, string>? extraTags = null,
        TimeProvider? time = null,
        SystemMetricsOptions? systemMetrics = null)
    {
        _time = time ?? TimeProvider.System;
        _samplers = new StageSamplers(systemMetrics, _time);
        _extraTags = extraTags ?? new Dictionary<string, string>();
        _tracker = tracker;
        _pipeline = pipeline;
        _store = store;
        _runId = runId;
        _runName = runName ?? $"{pipeline.Definition.Name} {DateTime.Now:yyyy-MM-dd HH:mm:ss}";
        _logger = logger;
        _worker = Task.Run(WorkAsync);
    }

    /// <summary>The parent run's id once created (MLflow's, or a local id while offline).</summary>
    public string? ParentRunId => _parent?.RunId;

    /// <inheritdoc />
    public void RunStarted(RunRecord record, IReadOnlyList<PlanEntry> plan) => Enqueue(async () =>
    {
        ArgumentNullException.ThrowIfNull(record);
        await _tracker.GetOrCreateExperimentAsync(CancellationToken.None).ConfigureAwait(false);
        var tags = RunTags.ForParent(_runName, Path.GetFullPath(_pipeline.Definition.SourcePath), GitInfo.Commit(Path.GetDirectoryName(Path.GetFullPath(_pipeline.Definition.SourcePath))!), _runId);
        tags["pipeline.name"] = _pipeline.Definition.Name;
        foreach (var (key, value) in _extraTags)
        {
            tags[key] = value;
        }

        tags["pipeline.file_sha256"] = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(_pipeline.Definition.SourceText)));
        _parentTags = tags;
        _parent = await _tracker.StartRunAsync(_runName, null, tags, record.Started, CancellationToken.None).ConfigureAwait(false);
        foreach (var stage in _pipeline.InOrder())
        {
            foreach (var (key, value) in stage.Params.Flat)
            {
                _parent.LogParam($"{stage.Id}.{key}", value);
            }
        }

        _parent.LogParam("seed", _pipeline.Definition.Seed.ToString(CultureInfo.InvariantCulture));
        var ledgerDir = Path.Combine(_store.Root, "runs", _runId);
        var resolved = Path.Combine(ledgerDir, "resolved-params.json");
        var json = new System.Text.Json.Nodes.JsonObject();
        foreach (var stage in _pipeline.InOrder())
        {
            json[stage.Id] = stage.Params.ToJsonObject();
        }

        Stages.Abstractions.AtomicFile.WriteAllText(resolved, json.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        await _parent.LogArtifactAsync(Path.GetFullPath(_pipeline.Definition.SourcePath), "pipeline", CancellationToken.None).ConfigureAwait(false);
        await _parent.LogArtifactAsync(resolved, "pipeline", CancellationToken.None).ConfigureAwait(false);
    });

    /// <inheritdoc />
    public void StageWaiting(string stageId, string message)
    {
    }

    /// <inheritdoc />
    public void StageStarted(string stageId, string key, string reason, bool resuming)
    {
        var started = _time.GetUtcNow();
        Enqueue(() => StartStageChildAsync(stageId, key, reason, resuming, started));
        _samplers.Start(stageId, (sample, step, at) => Enqueue(() =>
        {
            if (_children.TryGetValue(stageId, out var child))
            {
                foreach (var (metric, value) in sample.Metrics())
                {
                    child.LogMetric(metric, value, step, at.ToUnixTimeMilliseconds());
                }
            }

            return Task.CompletedTask;
        }));
    }

    /// <inheritdoc />
    public void StageEvent(string stageId, StageEvent stageEvent)
    {
        var e = stageEvent;
        switch (e.Kind)
        {
            case StageEventKind.Metric or StageEventKind.Summary when e.Key is not null && e.Value is { } value:
                Enqueue(() =>
                {
                    if (!_children.TryGetValue(stageId, out var child))
                    {
                        return Task.CompletedTask;
                    }

                    // A summary of a metric that already has a history (train_loss_epoch after its per-epoch
                    // points) would add a stray step-0 point to that history; it reaches the parent run anyway.
                    var histories = _histories.GetOrAdd(stageId, _ => new HashSet<string>(StringComparer.Ordinal));
                    if (e.Kind == StageEventKind.Metric)
                    {
                        histories.Add(e.Key);
                    }
                    else if (histories.Contains(e.Key))
                    {
                        return Task.CompletedTask;
                    }

                    // A point the run this one resumes already holds (restored from the checkpoint, or computed
                    // again after it) stays out, so the chain of runs holds each point once.
                    if (_resumed.TryGetValue(stageId, out var earlier) && earlier.Holds(e.Key, e.Step ?? 0))
                    {
                        return Task.CompletedTask;
                    }

                    child.LogMetric(e.Key, value, e.Step ?? 0, e.TimestampMs);
                    return Task.CompletedTask;
                });
                break;
            case StageEventKind.Param when e.Key is not null:
                Enqueue(() =>
                {
                    if (_children.TryGetValue(stageId, out var child))
                    {
                        child.LogParam(e.Key, e.Text ?? string.Empty);
                    }

                    return Task.CompletedTask;
                });
                break;
            case StageEventKind.Artifact when e.Key is not null:
                _artifacts.GetOrAdd(stageId, _ => new ConcurrentQueue<(string, string?)>()).Enqueue((e.Key, e.Text));
                break;
        }
    }

    /// <inheritdoc />
    public void StageCompleted(StageRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        _samplers.Stop(record.Id); // before the end is queued, so no reading lands after it

        if (record.Key is not null && record.Status is StageStatus.Succeeded or StageStatus.Cached)
        {
            _keys[record.Id] = record.Key; // downstream stages log this stage's outputs as their dataset inputs
        }

        if (record.Status == StageStatus.Skipped)
        {
            return;
        }

        var ended = _time.GetUtcNow();
        Enqueue(async () =>
        {
            if (_parent is null)
            {
                return;
            }

            var child = _children.GetValueOrDefault(record.Id);
            if (record.Status == StageStatus.Cached)
            {
                child = await StartChildAsync(record.Id, record.Key!, ended).ConfigureAwait(false);
                child.SetTag("pipeline.cache", "hit");
                child.SetTag("pipeline.reason", record.Reason ?? "cached");
                var source = TrackingIndex.Read(_store, record.Key!);
                if (source is not null)
                {
                    child.SetTag("pipeline.cache.source_run_id", source);
                }

                var logged = _pipeline.Stages[record.Id].Params.Flat.Select(p => p.Key).ToHashSet(StringComparer.Ordinal);
                await CacheHitCopy.CopyAsync(_tracker, child, source, logged, record.Summary, _logger, CancellationToken.None).ConfigureAwait(false);
            }

            if (child is null)
            {
                return;
            }

            foreach (var (key, value) in record.Summary ?? new Dictionary<string, double>())
            {
                _parent.LogMetric($"{record.Id}.{key}", value, 0);
            }

            child.LogMetric("duration_seconds", record.DurationSeconds, 0);
            if (record.Status == StageStatus.Succeeded && _artifacts.TryRemove(record.Id, out var files))
            {
                var staging = Path.Combine(_store.StagingDirectory, $"{record.Key}.{_runId}");
                foreach (var (path, folder) in files)
                {
                    var committed = path.StartsWith(staging, StringComparison.Ordinal) ? _store.EntryPath(record.Key!) + path[staging.Length..] : path;
                    if (File.Exists(committed) || Directory.Exists(committed))
                    {
                        await child.LogArtifactAsync(committed, folder, CancellationToken.None).ConfigureAwait(false);
                    }
                }
            }

            if (record.Error is { } error)
            {
                child.SetTag("pipeline.error", error);
            }

            await child.EndAsync(StatusOf(record.Status), ended, CancellationToken.None).ConfigureAwait(false);
            if (record.Status == StageStatus.Succeeded)
            {
                TrackingIndex.Write(_store, record.Key!, child.RunId);
            }
        });
    }

    /// <inheritdoc />
    public void RunCompleted(RunRecord record)
    {
        ArgumentNullException.ThrowIfNull(record);
        var ended = record.Ended ?? _time.GetUtcNow();
        Enqueue(() => EndParentAsync(record, ended));
    }

    /// <summary>Finishes the queued work (bounded by <paramref name="timeout"/>), then closes the tracker.</summary>
    public async Task CompleteAsync(TimeSpan timeout)
    {
        await _samplers.DisposeAsync().ConfigureAwait(false);
        _work.Writer.TryComplete();
        if (await Task.WhenAny(_worker, Task.Delay(timeout)).ConfigureAwait(false) != _worker)
        {
            _logger.LogWarning("tracking did not finish within {Timeout}; what was not sent stays in the spool", timeout);
        }

        foreach (var child in _children.Values)
        {
            await child.DisposeAsync().ConfigureAwait(false);
        }

        if (_parent is not null)
        {
            await _parent.DisposeAsync().ConfigureAwait(false);
        }
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync()
    {
        await CompleteAsync(TimeSpan.FromSeconds(60)).ConfigureAwait(false);
        await _tracker.DisposeAsync().ConfigureAwait(false);
    }
}
