using System.Text.Json;
using Pipeline.Stages.Report;
using Pipeline.TestSupport;

namespace Pipeline.Stages.Report.Tests.Support;

/// <summary>Input folders in the formats the upstream stages write (tiny), under one temp folder.</summary>
public sealed class ReportFixture : IDisposable
{
    public const double TestTop1 = 0.612;
    public const double TestTop5 = 0.951;
    public const double KnnTop1 = 0.587;
    public const double BaselineTop1 = 0.283;
    public const double PixelTop1 = 0.354;

    public static readonly string[] ClassNames = ["airplane", "bird", "car"];

    /// <summary>Per-class accuracy of the pre-trained, random-init and raw-pixel encoders, in <see cref="ClassNames"/> order.</summary>
    public static readonly double[][] PerClassAccuracy = [[0.71, 0.48, 0.65], [0.31, 0.22, 0.30], [0.41, 0.37, 0.33]];

    /// <summary>A 3-D view like the tsne stage's: a canvas and an inline script that draws coloured points on it.</summary>
    public const string Tsne3dHtml = """
        <!DOCTYPE html>
        <html><head><meta charset="utf-8"><title>t-SNE 3-D</title>
        <style>body{margin:0;background:#fff} canvas{display:block}</style></head>
        <body><canvas id="view" width="480" height="360"></canvas>
        <script>
        const canvas = document.getElementById('view');
        const ctx = canvas.getContext('2d');
        const colors = ['#0072B2', '#E69F00', '#009E73'];
        let seed = 7;
        function rnd() { seed = (seed * 16807) % 2147483647; return seed / 2147483647; }
        const points = Array.from({ length: 300 }, (_, i) => ({ x: rnd() - 0.5, y: rnd() - 0.5, z: rnd() - 0.5, c: i % 3 }));
        function draw(angle) {
          ctx.fillStyle = '#ffffff';
          ctx.fillRect(0, 0, canvas.width, canvas.height);
          for (const p of points) {
            const x = p.x * Math.cos(angle) - p.z * Math.sin(angle);
            ctx.fillStyle = colors[p.c];
            ctx.beginPath();
            ctx.arc(240 + x * 400, 180 + p.y * 300, 4, 0, 2 * Math.PI);
            ctx.fill();
          }
        }
        draw(0.3);
        window.tsneDrawn = true;
        </script></body></html>
        """;

    private readonly TempDirectory _root = new("report-stage");

    public ReportFixture() => Directory.CreateDirectory(StagingDirectory);

    public string Root => _root.Path;

    public string StagingDirectory => _root.Combine("staging");

    public string ReportDirectory => Path.Combine(StagingDirectory, ReportStage.OutputName);

    public string HtmlPath => Path.Combine(ReportDirectory, ReportStage.HtmlFile);

    public string MarkdownPath => Path.Combine(ReportDirectory, ReportStage.MarkdownFile);

    public Dictionary<string, string> Inputs { get; } = [];

    /// <summary>Every input wired, with a confusion matrix from predictions (no confusion PNG).</summary>
    public static async Task<ReportFixture> CreateFullAsync(bool confusionPng = false)
    {
        var fixture = new ReportFixture();
        fixture.AddPreviews();
        await fixture.AddHistoryAsync();
        fixture.AddEncoder();
        await fixture.AddEvalMetricsAsync();
        await fixture.AddPredictionsAsync();
        fixture.AddEvalPlots(confusionPng);
        fixture.AddTsnePlots(Tsne3dHtml);
        await fixture.AddCoordinatesAsync();
        return fixture;
    }

    public string Wire(string input)
    {
        var path = _root.Combine("inputs", input);
        Directory.CreateDirectory(path);
        Inputs[input] = path;
        return path;
    }

    public void AddPreviews()
    {
        var dir = Wire(ReportInputs.Previews);
        PngFixture.Write(Path.Combine(dir, "color_jitter.png"), tint: 40);
        PngFixture.Write(Path.Combine(dir, "random_resized_crop.png"), tint: 200);
    }

    public async Task AddHistoryAsync(bool withLr = true)
    {
        var dir = Wire(ReportInputs.History);
        const int steps = 40;
        var step = Enumerable.Range(0, steps).Select(i => (long)i).ToArray();
        var epoch = Enumerable.Range(0, steps).Select(i => i / 10).ToArray();
        var loss = Enumerable.Range(0, steps).Select(i => 6.0 * Math.Exp(-i / 25.0) + 0.05 * Math.Sin(i)).ToArray();
        var lr = Enumerable.Range(0, steps).Select(i => 0.3 * (1 + Math.Cos(Math.PI * i / steps)) / 2).ToArray();
        var ips = Enumerable.Range(0, steps).Select(i => 800.0 + (i % 5)).ToArray();
        var columns = new List<(string, Array)> { ("step", step), ("epoch", epoch), ("loss", loss) };
        if (withLr)
        {
            columns.Add(("lr", lr));
        }

        columns.Add(("images_per_second", ips));
        await ParquetFixture.WriteAsync(Path.Combine(dir, ReportInputs.HistoryFile), [.. columns]);
    }

    public void AddEncoder()
    {
        var dir = Wire(ReportInputs.Encoder);
        File.WriteAllText(Path.Combine(dir, ReportInputs.EncoderFile), """
            { "architecture": "resnet18", "input_size": 96, "channels": 3, "feature_dim": 512, "normalization": { "mean": [0.43, 0.42, 0.39], "std": [0.27, 0.26, 0.27] } }
            """);
    }

    public async Task AddEvalMetricsAsync()
    {
        var dir = Wire(ReportInputs.EvalMetrics);
        File.WriteAllText(Path.Combine(dir, ReportInputs.SummaryFile), JsonSerializer.Serialize(new Dictionary<string, double>
        {
            ["test_top1"] = TestTop1,
            ["test_top5"] = TestTop5,
            ["knn_top1"] = KnnTop1,
            ["baseline_test_top1"] = BaselineTop1,
            ["pixel_test_top1"] = PixelTop1,
            ["probe_epochs"] = 30,
        }));
        // linear-eval's layout: one row per (model, class), models in the order pretrained, baseline, pixel.
        string[] models = ["pretrained", "baseline", "pixel"];
        await ParquetFixture.WriteAsync(
            Path.Combine(dir, ReportInputs.MetricsFile),
            ("model", models.SelectMany(m => ClassNames.Select(_ => m)).ToArray()),
            ("class_name", models.SelectMany(_ => ClassNames).ToArray()),
            ("support", Enumerable.Repeat(800L, 9).ToArray()),
            ("accuracy", PerClassAccuracy.SelectMany(a => a).ToArray()));
        await ParquetFixture.WriteAsync(
            Path.Combine(dir, "curves.parquet"),
            ("epoch", new[] { 0, 1, 2, 3 }),
            ("train_loss", new[] { 2.1, 1.5, 1.3, 1.2 }),
            ("val_top1", new[] { 0.41, 0.52, 0.58, 0.60 }));
    }

    /// <summary>Wires eval_metrics with only a summary.json holding <paramref name="summary"/>.</summary>
    public void WriteSummary(IReadOnlyDictionary<string, double> summary)
    {
        var dir = Wire(ReportInputs.EvalMetrics);
        File.WriteAllText(Path.Combine(dir, ReportInputs.SummaryFile), JsonSerializer.Serialize(summary));
    }

    public async Task AddPredictionsAsync()
    {
        var dir = Wire(ReportInputs.Predictions);
        var labels = new long[] { 0, 0, 0, 1, 1, 1, 2, 2, 2, 2 };
        var predicted = new long[] { 0, 0, 1, 1, 2, 1, 2, 2, 0, 2 };
        await ParquetFixture.WriteAsync(
            Path.Combine(dir, ReportInputs.PredictionsFile),
            ("index", Enumerable.Range(0, labels.Length).Select(i => (long)i).ToArray()),
            ("label", labels),
            ("predicted", predicted),
            ("class_name", labels.Select(l => ClassNames[l]).ToArray()),
            ("correct", labels.Zip(predicted).Select(p => p.First == p.Second).ToArray()));
    }

    public void AddEvalPlots(bool confusionPng)
    {
        var dir = Wire(ReportInputs.EvalPlots);
        PngFixture.Write(Path.Combine(dir, "probe_curves.png"), 64, 40, tint: 90);
        if (confusionPng)
        {
            PngFixture.Write(Path.Combine(dir, "confusion_matrix.png"), 40, 40, tint: 150);
        }
    }

    public void AddTsnePlots(string view)
    {
        var dir = Wire(ReportInputs.TsnePlots);
        PngFixture.Write(Path.Combine(dir, "all_classes.png"), 60, 60, tint: 10);
        PngFixture.Write(Path.Combine(dir, "superclasses.png"), 60, 60, tint: 120);
        PngFixture.Write(Path.Combine(dir, "animals_only.png"), 60, 60, tint: 230);
        File.WriteAllText(Path.Combine(dir, ReportInputs.Tsne3dFile), view);
    }

    public async Task AddCoordinatesAsync()
    {
        var dir = Wire(ReportInputs.TsneCoordinates);
        await ParquetFixture.WriteAsync(
            Path.Combine(dir, ReportInputs.CoordinatesFile),
            ("index", new long[] { 0, 1, 2 }),
            ("x", new[] { 1.5, -2.0, 0.25 }),
            ("y", new[] { 0.5, 3.0, -1.0 }),
            ("label", new long[] { 0, 1, 2 }));
    }

    public void Dispose() => _root.Dispose();
}
