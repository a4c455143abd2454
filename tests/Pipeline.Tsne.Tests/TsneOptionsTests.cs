namespace Pipeline.Tsne.Tests;

public class TsneOptionsTests
{
    [Fact]
    public void Defaults_are_valid() => Assert.Empty(new TsneOptions().Validate());

    [Fact]
    public void Every_error_is_reported_at_once()
    {
        var options = new TsneOptions
        {
            Components = 0, Perplexity = -1, EarlyExaggerationIterations = 10, Iterations = 5, EarlyExaggeration = 0,
            LearningRate = double.NaN, Init = (TsneInit)9, Threads = -1, DegreesOfFreedom = 0,
        };
        var errors = options.Validate();
        Assert.Equal(8, errors.Count);
        Assert.Contains(errors, e => e.StartsWith("Components", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.StartsWith("DegreesOfFreedom", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_rejects_bad_options_and_shapes_with_every_reason()
    {
        var error = Assert.Throws<ArgumentException>(() =>
            Tsne.Run(new float[10], 3, 4, new TsneOptions { Perplexity = 0 }));
        Assert.Contains("Perplexity", error.Message, StringComparison.Ordinal);
        Assert.Contains("3 x 4", error.Message, StringComparison.Ordinal);
    }
}
