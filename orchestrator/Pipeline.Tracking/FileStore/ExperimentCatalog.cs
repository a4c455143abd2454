using System.Globalization;
using Microsoft.Extensions.Logging;
using Pipeline.Tracking.Io;

namespace Pipeline.Tracking.FileStore;

/// <summary>
/// Finds and creates experiments in a file store. There is no index: experiments are found by scanning
/// <c>*/meta.yaml</c>. A new experiment gets the next free integer id; its folder is prepared under a temp
/// name and renamed into place, so two processes never share an id (the loser retries with the next one).
/// Two processes creating the same name both re-scan afterwards and keep the lowest id.
/// </summary>
internal sealed class ExperimentCatalog
{
    private const int MaxAttempts = 100;
    private readonly FileStoreLayout _layout;
    private readonly Func<long> _now;
    private readonly ILogger _logger;

    public ExperimentCatalog(FileStoreLayout layout, Func<long> now, ILogger logger)
    {
        _layout = layout;
        _now = now;
        _logger = logger;
    }

    public ExperimentRecord GetOrCreate(string name)
    {
        EnsureRoot();
        if (FindByName(name) is { } existing)
        {
            return Active(existing);
        }

        for (var attempt = 0; attempt < MaxAttempts; attempt++)
        {
            var id = NextId();
            if (!TryCreate(id, name))
            {
                continue;
            }

            var winner = FindByName(name)!;
            if (winner.Id != id)
            {
                _logger.LogDebug("Experiment '{Name}' was created concurrently as {Winner}; removing duplicate {Id}.", name, winner.Id, id);
                RemoveDuplicate(id);
            }

            return Active(winner);
        }

        throw new TrackingException($"Could not allocate an experiment id in {_layout.Root} after {MaxAttempts} attempts.");
    }

    /// <summary>Active and deleted experiments with this name, lowest id first, null when none.</summary>
    public ExperimentRecord? FindByName(string name) =>
        ScanAll().Where(e => e.Name == name).OrderBy(e => e.LifecycleStage == "active" ? 0 : 1).ThenBy(e => IdOrder(e.Id)).FirstOrDefault();

    public IEnumerable<ExperimentRecord> ScanAll()
    {
        if (!Directory.Exists(_layout.Root))
        {
            yield break;
        }

        foreach (var folder in Directory.EnumerateDirectories(_layout.Root))
        {
            var meta = Path.Combine(folder, FileStoreLayout.MetaFile);
            if (Path.GetFileName(folder).StartsWith('.') || !File.Exists(meta))
            {
                continue;
            }

            Dictionary<string, string?> fields;
            try
            {
                fields = MetaYaml.Read(File.ReadAllText(meta));
            }
            catch (IOException)
            {
                continue;
            }

            if (fields.GetValueOrDefault("experiment_id") is { } id && fields.GetValueOrDefault("name") is { } experimentName)
            {
                yield return new ExperimentRecord(id, experimentName, fields.GetValueOrDefault("lifecycle_stage") ?? "active");
            }
        }
    }

    private static long IdOrder(string id) => long.TryParse(id, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : long.MaxValue;

    private ExperimentRecord Active(ExperimentRecord experiment) =>
        experiment.LifecycleStage == "active"
            ? experiment
            : throw new TrackingException(
                $"Experiment '{experiment.Name}' (id {experiment.Id}) in {_layout.Root} is deleted; restore it (mlflow experiments restore) or choose another experiment name.");

    private void EnsureRoot()
    {
        Directory.CreateDirectory(_layout.Root);
        Directory.CreateDirectory(Path.Combine(_layout.Root, FileStoreLayout.TrashFolder));
        if (!File.Exists(_layout.ExperimentMeta("0")))
        {
            TryCreate("0", "Default");
        }
    }

    private string NextId()
    {
        long max = 0;
        foreach (var parent in new[] { _layout.Root, Path.Combine(_layout.Root, FileStoreLayout.TrashFolder) })
        {
            if (!Directory.Exists(parent))
            {
                continue;
            }

            foreach (var folder in Directory.EnumerateDirectories(parent))
            {
                if (long.TryParse(Path.GetFileName(folder), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n < long.MaxValue / 2)
                {
                    max = Math.Max(max, n);
                }
            }
        }

        return (max + 1).ToString(CultureInfo.InvariantCulture);
    }

    // The duplicate is renamed away in one step before it is deleted: deleting it in place empties it file by file,
    // and another tracker's rename onto the emptied folder would then land in it ("Directory not empty").
    private void RemoveDuplicate(string id)
    {
        var trash = Path.Combine(_layout.Root, ".trash-" + Guid.NewGuid().ToString("N"));
        Directory.Move(_layout.Experiment(id), trash);
        Directory.Delete(trash, recursive: true);
    }

    /// <summary>Builds the experiment folder under a temp name and renames it into place; false if the id is taken.</summary>
    private bool TryCreate(string id, string name)
    {
        var target = _layout.Experiment(id);
        if (Directory.Exists(target))
        {
            return false;
        }

        var temp = Path.Combine(_layout.Root, ".tmp-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(temp);
        try
        {
            var now = _now();
            AtomicFile.WriteAllText(Path.Combine(temp, FileStoreLayout.MetaFile), MetaYaml.Write(
            [
                new("artifact_location", _layout.ArtifactLocation(id)),
                new("creation_time", now),
                new("experiment_id", id),
                new("last_update_time", now),
                new("lifecycle_stage", "active"),
                new("name", name),
            ]));
            Directory.Move(temp, target);
            return true;
        }
        catch (IOException) when (Directory.Exists(target))
        {
            return false;
        }
        finally
        {
            if (Directory.Exists(temp))
            {
                Directory.Delete(temp, recursive: true);
            }
        }
    }
}
