using Microsoft.Extensions.Logging.Abstractions;
using Pipeline.Data;
using Pipeline.Data.Synthetic;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Pretrain;

namespace Pipeline.Bench.Train;

/// <summary>
/// A whole <c>simclr-pretrain</c> run in-process on a synthetic 96 px dataset (reading, augmenting, training,
/// checkpointing): per-step images per second from its history, and the RSS it logs per epoch.
/// </summary>
internal static class EpochBench
{
    public sealed record Result(double MedianStepImagesPerSecond, double EpochImagesPerSecond, IReadOnlyList<double> RssMegabytes);

    public static async Task<Result> RunAsync(int batch, int steps, int epochs, int size, bool smallStem, int threads)
    {
        var root = Path.Combine(Path.GetTempPath(), $"bench-train-{Guid.NewGuid():N}");
        try
        {
            var dataset = Path.Combine(root, "dataset");
            SyntheticStl10Generator.Generate(dataset, new SplitCounts(batch * steps, 10, 10), seed: 3, new ImageShape(3, size, size));
            var reporter = new MetricsReporter();
            var context = new StageContext("pretrain", "bench", 42, new Dictionary<string, string> { ["dataset"] = dataset },
                Path.Combine(root, "staging"), Path.Combine(root, "checkpoint"), NullLogger.Instance, reporter);
            var parameters = new SimClrPretrainParams
            {
                Epochs = epochs,
                BatchSize = batch,
                InputSize = size,
                SmallImageStem = smallStem,
                Threads = threads,
                LogEveryNSteps = 1,
            };
            await new SimClrPretrainStage().RunAsync(context, parameters, CancellationToken.None);
            // Per-step rates are MLflow metrics (history.parquet keeps no timings). The first step of the run pays
            // for one-time allocations; the median of the rest is the steady state.
            var rates = reporter.Values("images_per_second_step");
            var steady = rates.Skip(1).DefaultIfEmpty(rates[0]).ToList();
            return new Result(Stats.Median(steady), reporter.Summaries["images_per_second"], reporter.Values("rss_mb"));
        }
        finally
        {
            if (Directory.Exists(root))
            {
                Directory.Delete(root, recursive: true);
            }
        }
    }

    private sealed class MetricsReporter : IStageReporter
    {
        private readonly List<(string Key, double Value)> metrics = [];

        public Dictionary<string, double> Summaries { get; } = [];

        public List<double> Values(string key) => metrics.Where(m => m.Key == key).Select(m => m.Value).ToList();

        public void LogMetric(string key, double value, long? step = null) => metrics.Add((key, value));

        public void LogSummary(string key, double value) => Summaries[key] = value;

        public void LogParam(string key, string value)
        {
        }

        public void LogArtifact(string localPath, string? artifactPath = null)
        {
        }

        public void Progress(ProgressUpdate update)
        {
        }
    }
}
