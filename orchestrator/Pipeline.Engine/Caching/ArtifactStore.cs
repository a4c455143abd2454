using System.Security.Cryptography;
using System.Text;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Engine.Caching;

/// <summary>
/// The content-addressed cache under the artifacts folder: <c>cache/&lt;key&gt;/&lt;output&gt;/</c> with a manifest
/// written last; staging folders, checkpoints, locks and damaged entries beside it.
/// </summary>
public sealed class ArtifactStore
{
    private readonly TimeProvider _clock;

    /// <summary>Opens (and creates on first write) the store at <paramref name="root"/>; <paramref name="clock"/> dates damaged entries.</summary>
    public ArtifactStore(string root, TimeProvider? clock = null)
    {
        Root = Path.GetFullPath(root);
        _clock = clock ?? TimeProvider.System;
    }

    /// <summary>The artifacts folder.</summary>
    public string Root { get; }

    /// <summary>Where entries live.</summary>
    public string CacheDirectory => Path.Combine(Root, "cache");

    /// <summary>Where stages write before their outputs are committed.</summary>
    public string StagingDirectory => Path.Combine(Root, "tmp");

    /// <summary>Where per-key lock files live.</summary>
    public string LocksDirectory => Path.Combine(Root, "locks");

    /// <summary>Where damaged entries are moved aside for inspection.</summary>
    public string DamagedDirectory => Path.Combine(Root, "damaged");

    /// <summary>The folder of the entry for <paramref name="key"/>.</summary>
    public string EntryPath(string key) => Path.Combine(CacheDirectory, key);

    /// <summary>The folder of output <paramref name="output"/> in the entry for <paramref name="key"/>.</summary>
    public string OutputPath(string key, string output) => Path.Combine(EntryPath(key), output);

    /// <summary>The checkpoint folder of <paramref name="key"/>: survives crashes, removed after success.</summary>
    public string CheckpointPath(string key) => Path.Combine(Root, "checkpoints", key);

    /// <summary>
    /// Checks the entry: cheap checks (manifest, sizes, mtimes) first; re-hashes only files whose mtime changed. This
    /// is what <c>plan</c> and cache hits use; a flipped byte with a restored mtime passes it: <see cref="Verify"/>
    /// re-hashes every byte, and runs before anything reads an entry.
    /// </summary>
    public CacheCheck Check(string key, IReadOnlyCollection<string>? expectedOutputs = null) => Check(key, expectedOutputs, rehashAll: false);

    /// <summary>Checks the entry and re-hashes every file against its manifest (SHA-256).</summary>
    public CacheCheck Verify(string key, IReadOnlyCollection<string>? expectedOutputs = null) => Check(key, expectedOutputs, rehashAll: true);

    private CacheCheck Check(string key, IReadOnlyCollection<string>? expectedOutputs, bool rehashAll)
    {
        var entry = EntryPath(key);
        if (!Directory.Exists(entry))
        {
            return new CacheCheck(CacheState.Missing, null, null);
        }

        var manifest = Manifest.TryRead(Path.Combine(entry, Manifest.FileName));
        if (manifest is null || manifest.Key != key)
        {
            return new CacheCheck(CacheState.Damaged, null, "the manifest is missing or unreadable");
        }

        foreach (var name in expectedOutputs ?? [])
        {
            if (!manifest.Outputs.ContainsKey(name))
            {
                return new CacheCheck(CacheState.Damaged, manifest, $"output '{name}' is not in the manifest");
            }
        }

        foreach (var (name, output) in manifest.Outputs)
        {
            foreach (var file in output.Files)
            {
                var path = Path.Combine(entry, name, file.Path);
                var info = new FileInfo(path);
                if (!info.Exists)
                {
                    return new CacheCheck(CacheState.Damaged, manifest, $"{name}/{file.Path} is missing");
                }

                if (info.Length != file.Size)
                {
                    return new CacheCheck(CacheState.Damaged, manifest, $"{name}/{file.Path} has {info.Length} bytes, the manifest says {file.Size}");
                }

                if ((rehashAll || info.LastWriteTimeUtc.Ticks != file.MtimeTicks) && FileHasher.Sha256(path) != file.Sha256)
                {
                    return new CacheCheck(CacheState.Damaged, manifest, $"{name}/{file.Path} does not match its SHA-256");
                }
            }
        }

        return new CacheCheck(CacheState.Hit, manifest, null);
    }

    /// <summary>Moves a damaged entry out of the cache so it is never used; returns where it went.</summary>
    public string MoveAside(string key)
    {
        Directory.CreateDirectory(DamagedDirectory);
        var target = Path.Combine(DamagedDirectory, $"{key}.{_clock.GetUtcNow():yyyyMMddHHmmssfff}");
        Directory.Move(EntryPath(key), target);
        return target;
    }

    /// <summary>A fresh, empty staging folder for one execution of <paramref name="key"/>.</summary>
    public string CreateStaging(string key, string runId)
    {
        var path = Path.Combine(StagingDirectory, $"{key}.{runId}");
        if (Directory.Exists(path))
        {
            Directory.Delete(path, recursive: true);
        }

        Directory.CreateDirectory(path);
        return path;
    }

    /// <summary>
    /// Hashes the staged outputs, writes the manifest last, and renames the staging folder into the cache in one step.
    /// Throws <see cref="StageFailedException"/> when a declared output was not written.
    /// </summary>
    public Manifest Commit(string staging, Manifest header, IReadOnlyList<PortSpec> outputs)
    {
        var described = new Dictionary<string, ManifestOutput>(StringComparer.Ordinal);
        foreach (var port in outputs)
        {
            var folder = Path.Combine(staging, port.Name);
            if (!Directory.Exists(folder))
            {
                throw new StageFailedException($"the stage finished without writing its output '{port.Name}'");
            }

            described[port.Name] = Describe(folder, port.ArtifactType);
        }

        var manifest = header with { Outputs = described };
        manifest.Write(Path.Combine(staging, Manifest.FileName));
        Directory.CreateDirectory(CacheDirectory);
        var entry = EntryPath(header.Key);
        if (Directory.Exists(entry))
        {
            if (Check(header.Key).IsHit)
            {
                Directory.Delete(staging, recursive: true);
                return Manifest.TryRead(Path.Combine(entry, Manifest.FileName))!;
            }

            MoveAside(header.Key);
        }

        Directory.Move(staging, entry);
        return manifest;
    }

    /// <summary>Removes staging folders older than <paramref name="age"/> left by crashed runs.</summary>
    public void CleanStaleStaging(TimeSpan age)
    {
        if (!Directory.Exists(StagingDirectory))
        {
            return;
        }

        foreach (var dir in Directory.EnumerateDirectories(StagingDirectory))
        {
            if (_clock.GetUtcNow().UtcDateTime - Directory.GetLastWriteTimeUtc(dir) > age)
            {
                try
                {
                    Directory.Delete(dir, recursive: true);
                }
                catch (IOException)
                {
                    // In use by another orchestrator: leave it.
                }
            }
        }
    }

    private static ManifestOutput Describe(string folder, string artifactType)
    {
        var files = Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories)
            .Select(path => (Path: path, Relative: Path.GetRelativePath(folder, path).Replace('\\', '/')))
            .Where(f => !Path.GetFileName(f.Path).EndsWith(".tmp", StringComparison.Ordinal))
            .OrderBy(f => f.Relative, StringComparer.Ordinal)
            .AsParallel().AsOrdered()
            .Select(f =>
            {
                var info = new FileInfo(f.Path);
                return new ManifestFile(f.Relative, info.Length, FileHasher.Sha256(f.Path), info.LastWriteTimeUtc.Ticks);
            })
            .ToList();

        var text = new StringBuilder();
        foreach (var file in files)
        {
            text.Append(file.Path).Append('\t').Append(file.Size).Append('\t').Append(file.Sha256).Append('\n');
        }

        var digest = Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())));
        return new ManifestOutput(artifactType, digest, files);
    }
}
