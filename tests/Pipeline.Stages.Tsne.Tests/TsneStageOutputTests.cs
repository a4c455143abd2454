using System.Text.Json;
using System.Text.RegularExpressions;
using Pipeline.Stages.Tsne.Tests.Support;
using SixLabors.ImageSharp;
using SixLabors.ImageSharp.PixelFormats;

namespace Pipeline.Stages.Tsne.Tests;

public sealed partial class TsneStageOutputTests(ThreeDRunFixture run) : IClassFixture<ThreeDRunFixture>
{
    private const int Points = 200;

    private TsneHarness Harness => run.Harness;

    [Fact]
    public async Task Coordinates_have_one_row_per_point_and_the_documented_columns()
    {
        var (columns, values) = await Harness.ReadCoordinatesAsync();

        Assert.Equal(["index", "split", "label", "class_name", "superclass", "x", "y", "z"], columns);
        Assert.All(values.Values, column => Assert.Equal(Points, column.Length));
        Assert.Equal(Enumerable.Range(0, Points), values["index"].Cast<int>());
        Assert.All(values["x"].Cast<float>().Concat(values["z"].Cast<float>()), v => Assert.True(float.IsFinite(v)));
        Assert.Equal(["animal", "vehicle"], values["superclass"].Cast<string>().Distinct().Order());
    }

    [Fact]
    public async Task Separated_clusters_stay_separated_in_the_map()
    {
        var (_, values) = await Harness.ReadCoordinatesAsync();
        var xs = values["x"].Cast<float>().ToArray();
        var ys = values["y"].Cast<float>().ToArray();
        var zs = values["z"].Cast<float>().ToArray();
        var points = Enumerable.Range(0, Points).Select(i => new[] { xs[i], ys[i], zs[i] }).ToArray();

        var accuracy = KnnCheck.Accuracy(points, [.. values["label"].Cast<int>()]);

        Assert.True(accuracy > 0.9, $"10-NN accuracy in the t-SNE map was {accuracy}");
    }

    [Fact]
    public void Every_summary_metric_is_logged_and_plausible()
    {
        var summaries = Harness.Reporter.Summaries;

        Assert.True(summaries["knn_accuracy_tsne"] > 0.9, $"knn_accuracy_tsne {summaries["knn_accuracy_tsne"]}");
        Assert.True(summaries["knn_accuracy_features"] > 0.9, $"knn_accuracy_features {summaries["knn_accuracy_features"]}");
        Assert.InRange(summaries["trustworthiness_10"], 0.0, 1.0);
        Assert.True(summaries["kl_divergence"] >= 0 && double.IsFinite(summaries["kl_divergence"]));
        Assert.True(summaries["seconds"] > 0);
        Assert.Equal("200", Harness.Reporter.Params["points"]);
        Assert.Equal("32", Harness.Reporter.Params["feature_dimensions"]);
    }

    [Fact]
    public void Kl_divergence_history_has_each_step_once_and_ends_on_the_exact_summary_value()
    {
        var kl = Harness.Reporter.Metrics.Where(m => m.Key == "kl_divergence").ToList();

        Assert.True(kl.Count >= 2, $"{kl.Count} kl_divergence points");
        Assert.Equal(kl.Count, kl.Select(m => m.Step).Distinct().Count());
        Assert.Equal(750, kl[^1].Step);
        Assert.Equal(Harness.Reporter.Summaries["kl_divergence"], kl[^1].Value);
    }

    [Fact]
    public void Progress_counts_iterations_up_to_the_total()
    {
        var steps = Harness.Reporter.ProgressUpdates.Where(p => p.Phase == "t-SNE").ToList();

        Assert.NotEmpty(steps);
        Assert.All(steps, p => Assert.Equal(750, p.Total));
        Assert.Equal(steps.Select(p => p.Done).Order(), steps.Select(p => p.Done));
    }

    [Fact]
    public void The_four_reference_figures_and_the_html_view_are_written_and_logged()
    {
        string[] expected = ["all_classes.png", "superclasses.png", "animal_only.png", "vehicle_only.png", "tsne_3d.html"];

        Assert.Equal(expected.Order(), Directory.GetFiles(Harness.PlotsDirectory).Select(Path.GetFileName).Order());
        Assert.Equal(expected, Harness.Reporter.Artifacts.Select(a => Path.GetFileName(a.Path)));
        Assert.All(Harness.Reporter.Artifacts, a => Assert.Equal("plots", a.Folder));
    }

    [Theory]
    [InlineData("all_classes.png")]
    [InlineData("superclasses.png")]
    [InlineData("animal_only.png")]
    [InlineData("vehicle_only.png")]
    public void Each_png_decodes_and_shows_several_colours(string file)
    {
        using var image = Image.Load<Rgba32>(Path.Combine(Harness.PlotsDirectory, file));

        Assert.True(image.Width >= 3 * 500, $"a 3-D map is drawn as three views side by side; width {image.Width}");
        var colours = new HashSet<Rgba32>();
        image.ProcessPixelRows(rows =>
        {
            for (var y = 0; y < rows.Height; y += 2)
            {
                foreach (var pixel in rows.GetRowSpan(y))
                {
                    colours.Add(pixel);
                }
            }
        });
        Assert.True(colours.Count > 20, $"{file} has only {colours.Count} colours");
    }

    [Fact]
    public void The_html_view_embeds_every_point_and_needs_no_network()
    {
        var html = File.ReadAllText(Path.Combine(Harness.PlotsDirectory, "tsne_3d.html"));

        Assert.DoesNotContain("http://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("https://", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotMatch(ExternalResource(), html);
        using var data = JsonDocument.Parse(DataBlock().Match(html).Groups[1].Value);
        var root = data.RootElement;
        Assert.Equal(3, root.GetProperty("components").GetInt32());
        Assert.Equal(Points, root.GetProperty("c").GetArrayLength());
        Assert.Equal(3 * Points, root.GetProperty("p").GetArrayLength());
        Assert.Equal(["cat", "dog", "car", "ship"], root.GetProperty("classes").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
        Assert.Equal(["animal", "vehicle"], root.GetProperty("superclasses").EnumerateArray().Select(c => c.GetProperty("name").GetString()));
    }

    [Fact]
    public void No_temporary_files_are_left_behind()
    {
        Assert.Empty(Directory.GetFiles(Harness.StagingDirectory, "*.tmp", SearchOption.AllDirectories));
    }

    [GeneratedRegex("<script id=\"tsne-data\" type=\"application/json\">(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex DataBlock();

    [GeneratedRegex("(src|href)\\s*=|@import|url\\(", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalResource();
}
