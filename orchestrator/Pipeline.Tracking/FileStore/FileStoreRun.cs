using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Io;
using Pipeline.Tracking.Limits;
using Pipeline.Tracking.Rest;

namespace Pipeline.Tracking.FileStore;

/// <summary>
/// A run in a local file store. Writes go straight to disk (no network to wait on): params and tags via
/// temp+rename, metric points appended one whole line per write.
/// </summary>
internal sealed class FileStoreRun : ITrackedRun
{
    private readonly FileStoreLayout _layout;
    private readonly EntryValidator _validator;
    private readonly ILogger _logger;
    private readonly Func<long> _now;
    private readonly Lock _gate = new();
    private RunMeta _meta;
    private bool _ended;

    public FileStoreRun(FileStoreLayout layout, RunMeta meta, EntryValidator validator, ILogger logger, Func<long> now)
    {
        _layout = layout;
        _meta = meta;
        _validator = validator;
        _logger = logger;
        _now = now;
    }

    public string RunId => _meta.RunId;

    public string? ExperimentId => _meta.ExperimentId;

    public void LogParam(string key, string value)
    {
        value = _validator.Param(key, value);
        var path = _layout.Entry(_meta.ExperimentId, RunId, "params", key);
        lock (_gate)
        {
            if (File.Exists(path))
            {
                if (File.ReadAllText(path) != value)
                {
                    _logger.LogWarning("Param '{Key}' of run {RunId} was already logged with another value; MLflow params are immutable, keeping the first value.", key, RunId);
                }

                return;
            }

            AtomicFile.WriteAllText(path, value);
        }
    }

    public void SetTag(string key, string value)
    {
        value = _validator.Tag(key, value);
        lock (_gate)
        {
            AtomicFile.WriteAllText(_layout.Entry(_meta.ExperimentId, RunId, "tags", key), value);
        }
    }

    public void LogMetric(string key, double value, long step, long? timestampMs = null)
    {
        EntryValidator.ValidateKey(key, "Metric");
        var line = MetricLine.Format(timestampMs ?? _now(), value, step);
        lock (_gate)
        {
            AppendOnlyFile.AppendLine(_layout.Entry(_meta.ExperimentId, RunId, "metrics", key), line, flushToDisk: false);
        }
    }

    public async Task LogArtifactAsync(string localPath, string? artifactPath, CancellationToken cancellationToken)
    {
        var root = _layout.Artifacts(_meta.ExperimentId, RunId);
        foreach (var (file, relative) in ArtifactLocation.Expand(localPath, artifactPath))
        {
            var target = Path.Combine([root, .. relative.Split('/')]);
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            var temp = Path.Combine(Path.GetDirectoryName(target)!, "." + Path.GetFileName(target) + "." + Guid.NewGuid().ToString("N")[..8] + ".tmp");
            try
            {
                var source = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 81920, useAsync: true);
                await using (source.ConfigureAwait(false))
                {
                    var destination = new FileStream(temp, FileMode.CreateNew, FileAccess.Write, FileShare.None, 81920, useAsync: true);
                    await using (destination.ConfigureAwait(false))
                    {
                        await source.CopyToAsync(destination, cancellationToken).ConfigureAwait(false);
                    }
                }

                File.Move(temp, target, overwrite: true);
            }
            finally
            {
                if (File.Exists(temp))
                {
                    File.Delete(temp);
                }
            }
        }
    }

    public Task LogInputsAsync(IReadOnlyList<TrackedDataset> datasets, CancellationToken cancellationToken)
    {
        foreach (var dataset in datasets)
        {
            cancellationToken.ThrowIfCancellationRequested();
            FileStoreInputs.Write(_layout, _meta.ExperimentId, RunId, dataset);
        }

        return Task.CompletedTask;
    }

    public Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public Task EndAsync(RunStatus status, CancellationToken cancellationToken) => EndAsync(status, null, cancellationToken);

    public Task EndAsync(RunStatus status, DateTimeOffset? endTime, CancellationToken cancellationToken)
    {
        lock (_gate)
        {
            if (_ended)
            {
                return Task.CompletedTask;
            }

            _ended = true;
            _meta = _meta with { Status = status, EndTime = endTime?.ToUnixTimeMilliseconds() ?? _now() };
            _meta.Write(_layout.RunMeta(_meta.ExperimentId, RunId));
        }

        return Task.CompletedTask;
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;
}
