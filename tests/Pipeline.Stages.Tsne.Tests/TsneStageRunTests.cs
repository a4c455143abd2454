using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Tsne.Tests.Support;
using SixLabors.ImageSharp;

namespace Pipeline.Stages.Tsne.Tests;

public sealed class TsneStageRunTests : IDisposable
{
    private readonly TsneHarness _harness = new();

    public void Dispose() => _harness.Dispose();

    [Fact]
    public async Task A_2d_map_has_no_z_column_and_one_panel()
    {
        await _harness.WriteInputAsync(perClass: 30);

        await _harness.RunAsync(new TsneParams { NComponents = 2, Perplexity = 10, Iterations = 300, EarlyExaggerationIterations = 100 });

        var (columns, values) = await _harness.ReadCoordinatesAsync();
        Assert.Equal(["index", "split", "label", "class_name", "superclass", "x", "y"], columns);
        Assert.Equal(120, values["x"].Length);
        using var image = Image.Load(Path.Combine(_harness.PlotsDirectory, "all_classes.png"));
        Assert.True(image.Width < 1000, $"a 2-D map is one panel; width {image.Width}");
        Assert.Contains("\"components\":2", File.ReadAllText(Path.Combine(_harness.PlotsDirectory, "tsne_3d.html")), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Max_points_takes_a_class_balanced_sample_that_the_seed_fixes()
    {
        await _harness.WriteInputAsync();
        var parameters = new TsneParams { MaxPoints = 40, Perplexity = 5, Iterations = 200, EarlyExaggerationIterations = 50 };

        await _harness.RunAsync(parameters, seed: 3);
        var first = (await _harness.ReadCoordinatesAsync()).Values;
        await _harness.RunAsync(parameters, seed: 3);
        var again = (await _harness.ReadCoordinatesAsync()).Values;
        await _harness.RunAsync(parameters with { Seed = 4 }, seed: 3);
        var otherSeed = (await _harness.ReadCoordinatesAsync()).Values;

        Assert.Equal(40, first["index"].Length);
        Assert.All(first["label"].Cast<int>().GroupBy(l => l), g => Assert.Equal(10, g.Count()));
        Assert.Equal(first["index"].Cast<int>(), again["index"].Cast<int>());
        Assert.Equal(first["x"].Cast<float>(), again["x"].Cast<float>());
        Assert.NotEqual(first["index"].Cast<int>(), otherSeed["index"].Cast<int>());
        Assert.Equal("4", _harness.Reporter.Params["seed_used"]);
    }

    [Fact]
    public async Task A_perplexity_too_large_for_the_points_fails_with_the_limit()
    {
        await _harness.WriteInputAsync(perClass: 10);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new TsneParams { Perplexity = 30 }));

        Assert.Contains("perplexity 30 is too large for 40 points", error.Message, StringComparison.Ordinal);
        Assert.Contains("13", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(_harness.CoordinatesPath));
    }

    [Fact]
    public async Task Invalid_params_fail_before_reading_anything()
    {
        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new TsneParams { NComponents = 4, Perplexity = 0 }));

        Assert.Contains("n_components", error.Message, StringComparison.Ordinal);
        Assert.Contains("perplexity", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_input_file_says_what_was_expected()
    {
        Directory.CreateDirectory(_harness.InputDirectory);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => _harness.RunAsync(new TsneParams()));

        Assert.Contains("embeddings.parquet", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Cancellation_stops_the_stage_and_writes_nothing()
    {
        await _harness.WriteInputAsync();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        await Assert.ThrowsAsync<StageCancelledException>(() => _harness.RunAsync(new TsneParams(), cancellationToken: cancel.Token));

        Assert.False(File.Exists(_harness.CoordinatesPath));
    }

    [Fact]
    public async Task Cancellation_during_the_optimisation_is_honoured()
    {
        await _harness.WriteInputAsync(perClass: 100);
        using var cancel = new CancellationTokenSource();
        const int iterations = 1_000_000;
        var cancelledAt = 0.0;

        // Cancel on the optimiser's first report of an iteration done, not after a guessed delay.
        void CancelOnFirstIteration(ProgressUpdate update)
        {
            if (update.Phase == "t-SNE" && update.Done >= 1 && !cancel.IsCancellationRequested)
            {
                cancelledAt = update.Done;
                cancel.Cancel();
            }
        }

        await Assert.ThrowsAsync<StageCancelledException>(() => _harness.RunAsync(
            new TsneParams { Iterations = iterations, EarlyExaggerationIterations = 10 }, onProgress: CancelOnFirstIteration, cancellationToken: cancel.Token));

        Assert.True(cancelledAt >= 1, "the optimisation never reported an iteration, so it was not cancelled during it");
        Assert.True(_harness.Reporter.ProgressUpdates.Where(u => u.Phase == "t-SNE").Max(u => u.Done) < iterations);
        Assert.False(File.Exists(_harness.CoordinatesPath));
    }
}
