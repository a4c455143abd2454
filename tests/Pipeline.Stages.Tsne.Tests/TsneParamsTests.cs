using System.Text.Json;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Tsne.Tests;

public sealed class TsneParamsTests
{
    [Fact]
    public void Defaults_are_valid_and_match_the_reference_settings()
    {
        var parameters = new TsneParams();

        Assert.Empty(parameters.AllErrors());
        Assert.Equal(3, parameters.NComponents);
        Assert.Equal(30, parameters.Perplexity);
        Assert.Equal(750, parameters.Iterations);
        Assert.Equal(250, parameters.EarlyExaggerationIterations);
        Assert.Equal(12, parameters.EarlyExaggeration);
        Assert.Null(parameters.LearningRate);
        Assert.Equal(TsneInitMethod.Pca, parameters.Init);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(4)]
    public void Only_2_or_3_components_are_accepted(int components)
    {
        var errors = new TsneParams { NComponents = components }.AllErrors();

        Assert.Equal("n_components", Assert.Single(errors).Key);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-5)]
    public void Perplexity_must_be_positive(double perplexity)
    {
        var errors = new TsneParams { Perplexity = perplexity }.AllErrors();

        Assert.Equal("perplexity", Assert.Single(errors).Key);
    }

    [Fact]
    public void Every_problem_is_reported_at_once_with_its_key()
    {
        var parameters = new TsneParams
        {
            NComponents = 4,
            Perplexity = 0,
            Iterations = 100,
            EarlyExaggerationIterations = 250,
            LearningRate = -1,
            MaxPoints = 1,
            Threads = -1,
            DegreesOfFreedom = 0,
        };

        var keys = parameters.AllErrors().Select(e => e.Key).Order();

        Assert.Equal(["degrees_of_freedom", "early_exaggeration_iterations", "learning_rate", "max_points", "n_components", "perplexity", "threads"], keys);
    }

    [Fact]
    public void A_perplexity_too_large_for_max_points_is_caught_before_running()
    {
        var error = Assert.Single(new TsneParams { Perplexity = 30, MaxPoints = 50 }.Validate());

        Assert.Equal("perplexity", error.Key);
        Assert.Contains("(max_points - 1) / 3 = 16.33", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("\"auto\"", null)]
    [InlineData("null", null)]
    [InlineData("200", 200.0)]
    [InlineData("12.5", 12.5)]
    public void Learning_rate_is_auto_or_a_number(string json, double? expected)
    {
        var parameters = JsonSerializer.Deserialize<TsneParams>($"{{\"learning_rate\": {json}}}", ParamsJson.Options)!;

        Assert.Equal(expected, parameters.LearningRate);
    }

    [Fact]
    public void Learning_rate_rejects_other_words()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TsneParams>("{\"learning_rate\": \"fast\"}", ParamsJson.Options));
    }

    [Fact]
    public void Params_bind_from_snake_case_and_round_trip()
    {
        const string json = "{\"n_components\":2,\"perplexity\":15,\"iterations\":500,\"early_exaggeration\":8,\"early_exaggeration_iterations\":100," +
                            "\"learning_rate\":\"auto\",\"init\":\"random\",\"max_points\":2000,\"seed\":3,\"threads\":2,\"degrees_of_freedom\":0.5}";

        var parameters = JsonSerializer.Deserialize<TsneParams>(json, ParamsJson.Options)!;
        var again = JsonSerializer.Deserialize<TsneParams>(JsonSerializer.Serialize(parameters, ParamsJson.Options), ParamsJson.Options)!;

        Assert.Equal(TsneInitMethod.Random, parameters.Init);
        Assert.Equal(2000, parameters.MaxPoints);
        Assert.Equal(0.5, parameters.DegreesOfFreedom);
        Assert.Equivalent(parameters, again);
        Assert.Contains("\"learning_rate\":null", JsonSerializer.Serialize(parameters, ParamsJson.Options), StringComparison.Ordinal);
    }

    [Fact]
    public void Unknown_keys_are_rejected()
    {
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TsneParams>("{\"perplexityy\": 30}", ParamsJson.Options));
    }

    [Fact]
    public void Options_carry_every_param_and_the_resolved_seed()
    {
        var options = TsneOptionsFactory.Create(new TsneParams { NComponents = 2, Perplexity = 20, LearningRate = 100, Init = TsneInitMethod.Random, Threads = 3, DegreesOfFreedom = 0.7 }, seed: 99);

        Assert.Equal(2, options.Components);
        Assert.Equal(20, options.Perplexity);
        Assert.Equal(750, options.Iterations);
        Assert.Equal(250, options.EarlyExaggerationIterations);
        Assert.Equal(100, options.LearningRate);
        Assert.Equal(Pipeline.Tsne.TsneInit.Random, options.Init);
        Assert.Equal(99, options.Seed);
        Assert.Equal(3, options.Threads);
        Assert.Equal(0.7, options.DegreesOfFreedom);
        Assert.Empty(options.Validate());
    }
}
