using System.Diagnostics;
using System.Globalization;
using System.Text;
using Pipeline.Bench;
using Pipeline.Data;
using Pipeline.Data.Archives;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Catalog;
using Pipeline.Engine.Ledger;
using Pipeline.Engine.Planning;
using Pipeline.Engine.Sweeps;
using Pipeline.Engine.Validation;
using Pipeline.TestSupport.Http;

// Orchestration benchmarks. Usage: dotnet run -c Release --project bench/Pipeline.Bench [-- --quick]
//   [--orchestrator path/to/Pipeline.Orchestrator.dll]: also time the smoke pipeline and the evaluation stages.
var quick = args.Contains("--quick");
var orchestratorAt = Array.IndexOf(args, "--orchestrator");
var orchestrator = orchestratorAt >= 0 && orchestratorAt + 1 < args.Length ? Path.GetFullPath(args[orchestratorAt + 1]) : null;
var runs = quick ? 1 : 3;
Console.WriteLine($"cores: {Environment.ProcessorCount}, .NET {Environment.Version}, runs per figure: {runs} (median)");
Console.WriteLine();
Console.WriteLine($"{"benchmark",-52} {"value",14}  unit");

var catalog = new StageCatalog([new Pipeline.Stages.Download.DownloadStl10Stage()]);
var work = Directory.CreateTempSubdirectory("pipeline-bench-").FullName;
try
{
    foreach (var n in new[] { 100, 1000 })
    {
        var yaml = GeneratePipeline(n);
        var store = new ArtifactStore(Path.Combine(work, "artifacts"));
        var state = PipelineState.Load(store.Root, "generated");
        ValidatedPipeline? pipeline = null;
        var (validate, _) = Measure.Median(runs, () => pipeline = new PipelineValidator(catalog).LoadText(yaml, "generated.yaml"));
        var (plan, allocated) = Measure.Median(runs, () => Planner.Plan(pipeline!, store, state, new PlanOptions()));
        Row($"validate {n}-stage pipeline", validate * 1000, "ms");
        Row($"plan {n}-stage pipeline", plan * 1000, "ms");
        Row($"plan {n}-stage pipeline, managed allocations", allocated / 1048576.0, "MB");
    }

    {
        var yaml = GeneratePipeline(1000);
        var basePipeline = new PipelineValidator(catalog).LoadText(yaml, "generated.yaml");
        var axes = new[] { SweepExpander.Parse("s0.timeout_seconds=" + string.Join(',', Enumerable.Range(1, 10)), 1, out _)!, SweepExpander.Parse("s1.max_retries=" + string.Join(',', Enumerable.Range(0, 10)), 2, out _)! };
        var store = new ArtifactStore(Path.Combine(work, "artifacts"));
        var state = PipelineState.Load(store.Root, "generated");
        var (sweep, allocated) = Measure.Median(1, () =>
        {
            foreach (var variant in SweepExpander.Expand(basePipeline.Definition.Sweep, axes))
            {
                var p = new PipelineValidator(catalog).LoadText(yaml, "generated.yaml", variant.Overrides);
                Planner.Plan(p, store, state, new PlanOptions());
            }
        });
        Row("validate + plan 100-variant sweep of 1000 stages", sweep, "s");
        Row("  managed allocations", allocated / 1048576.0, "MB");
        Row("  peak resident memory of the benchmark so far", Measure.PeakRssMb(), "MB");
    }

    VerifyCache(work, quick ? 128 : 512, runs);
    await DownloadAsync(work, runs);
    if (orchestrator is not null)
    {
        await PipelineTimings.RunAsync(orchestrator, RepoRoot(), runs, Row);
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

// What the cache's promise costs: the cheap check (size + mtime, what plan and a hit use) against the full SHA-256
// re-hash that runs before an entry is read and in `verify`. The file is in the page cache (just written), so
// this is the hash's speed, not the disk's.
void VerifyCache(string root, int megabytes, int repeats)
{
    var store = new ArtifactStore(Path.Combine(root, "verify-artifacts"));
    var staging = store.CreateStaging("benchkey", "bench");
    Directory.CreateDirectory(Path.Combine(staging, "data"));
    var buffer = new byte[1 << 20];
    new Random(1).NextBytes(buffer);
    using (var file = File.Create(Path.Combine(staging, "data", "blob.bin")))
    {
        for (var i = 0; i < megabytes; i++)
        {
            file.Write(buffer);
        }
    }

    var header = new Manifest(1, "benchkey", "bench", 1, "bench", "bench", DateTimeOffset.UtcNow, 0, new Dictionary<string, ManifestOutput>(), new Dictionary<string, double>(), null);
    store.Commit(staging, header, [new Pipeline.Stages.Abstractions.PortSpec("data", "table")]);
    var (cheap, _) = Measure.Median(repeats, () => store.Check("benchkey"));
    var (full, _) = Measure.Median(repeats, () => store.Verify("benchkey"));
    Row($"cache check, size + mtime ({megabytes} MB entry)", cheap * 1000, "ms");
    Row($"cache verify, SHA-256 of every byte ({megabytes} MB entry)", full * 1000, "ms");
    Row("  verify throughput", megabytes / full, "MB/s");
}

static string RepoRoot()
{
    var dir = new DirectoryInfo(AppContext.BaseDirectory);
    while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "Pipeline.sln")))
    {
        dir = dir.Parent;
    }

    return dir?.FullName ?? throw new InvalidOperationException("Pipeline.sln not found above the benchmark");
}

static void Row(string name, double value, string unit) =>
    Console.WriteLine($"{name,-52} {value.ToString(value < 10 ? "0.000" : "0.0", CultureInfo.InvariantCulture),14}  {unit}");

static string GeneratePipeline(int stages)
{
    // A layered DAG: each stage orders after one or two earlier stages.
    var text = new StringBuilder("name: generated\nstages:\n");
    var random = new Random(1);
    for (var i = 0; i < stages; i++)
    {
        text.Append(CultureInfo.InvariantCulture, $"  s{i}:\n    uses: download-stl10\n    params: {{ url: \"synthetic:\", timeout_seconds: {1 + (i % 50)} }}\n");
        if (i > 0)
        {
            var a = random.Next(i);
            var b = random.Next(i);
            text.Append(CultureInfo.InvariantCulture, $"    after: [s{a}{(b != a ? $", s{b}" : string.Empty)}]\n");
        }
    }

    return text.ToString();
}

static async Task DownloadAsync(string work, int runs)
{
    var archive = Path.Combine(work, "stl10_binary.tar.gz");
    await SyntheticArchiveBuilder.BuildAsync(archive, new SplitCounts(3000, 500, 500), seed: 1);
    var bytes = File.ReadAllBytes(archive);
    await using var server = new FaultInjectingHttpServer(bytes);
    var ours = new List<double>();
    for (var i = 0; i < runs; i++)
    {
        var target = Path.Combine(work, $"ours-{i}.bin");
        using var http = new HttpClient();
        var watch = Stopwatch.StartNew();
        var downloader = new Pipeline.Stages.Download.Http.ResumableHttpDownloader(
            http,
            new Pipeline.Stages.Download.Http.HttpDownloadOptions(TimeSpan.FromSeconds(30), 0, TimeSpan.Zero, TimeSpan.Zero),
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance,
            new NullReporter());
        await downloader.DownloadAsync(server.Url, target, CancellationToken.None);
        ours.Add(bytes.Length / 1e6 / watch.Elapsed.TotalSeconds);
        File.Delete(target);
    }

    ours.Sort();
    Row($"download from loopback HTTP ({bytes.Length / 1e6:0} MB), ours", ours[ours.Count / 2], "MB/s");
    if (File.Exists("/usr/bin/curl"))
    {
        var curl = new List<double>();
        for (var i = 0; i < runs; i++)
        {
            var start = new ProcessStartInfo("curl", ["-s", "-o", Path.Combine(work, "curl.bin"), server.Url.ToString()]);
            var watch = Stopwatch.StartNew();
            using var p = Process.Start(start)!;
            await p.WaitForExitAsync();
            curl.Add(bytes.Length / 1e6 / watch.Elapsed.TotalSeconds);
        }

        curl.Sort();
        Row("download from loopback HTTP, curl", curl[curl.Count / 2], "MB/s");
    }
    else
    {
        Console.WriteLine("curl not installed: no comparison");
    }
}

/// <summary>A reporter that drops everything (benchmarks measure, they do not report).</summary>
internal sealed class NullReporter : Pipeline.Stages.Abstractions.IStageReporter
{
    public void LogMetric(string key, double value, long? step = null)
    {
    }

    public void LogSummary(string key, double value)
    {
    }

    public void LogParam(string key, string value)
    {
    }

    public void LogArtifact(string localPath, string? artifactPath = null)
    {
    }

    public void Progress(Pipeline.Stages.Abstractions.ProgressUpdate update)
    {
    }
}
