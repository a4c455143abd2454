using System.ComponentModel.DataAnnotations;
using System.Text.Json;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.AugmentPreview.Tests;

public class AugmentPreviewParamsTests
{
    [Fact]
    public void Defaults_reproduce_the_reference_experiment()
    {
        var parameters = new AugmentPreviewParams();

        Assert.Equal(9, parameters.Samples);
        Assert.Equal("unlabeled", parameters.Split);
        Assert.Equal(96, parameters.InputSize);
        Assert.Equal(["default", "strong_color", "weak_color"], parameters.Variants.Keys.Order(StringComparer.Ordinal));
        var strong = parameters.Variants["strong_color"].ToOptions(96);
        Assert.Equal((0.8, 0.0), (strong.CjStrength, strong.GaussianBlur));
        var weak = parameters.Variants["weak_color"].ToOptions(96);
        Assert.Equal((0.1, 0.0), (weak.CjStrength, weak.GaussianBlur));
        Assert.Equal(new Pipeline.Ml.Augment.SimClrAugmentOptions(), parameters.Variants["default"].ToOptions(96));
        Assert.Empty(parameters.Validate());
    }

    [Fact]
    public void Binds_snake_case_json_and_keeps_unset_knobs_at_their_defaults()
    {
        const string json = """{"samples": 4, "input_size": 64, "variants": {"crops": {"min_scale": 0.5, "hf_prob": 0, "random_gray_scale": 0.1}}}""";

        var parameters = JsonSerializer.Deserialize<AugmentPreviewParams>(json, ParamsJson.Options)!;

        var options = parameters.Variants["crops"].ToOptions(parameters.InputSize);
        Assert.Equal((64, 0.5, 0.0, 0.1, 0.8), (options.InputSize, options.MinScale, options.HfProb, options.RandomGrayScale, options.CjProb));
    }

    [Fact]
    public void Every_problem_is_reported_with_its_key()
    {
        var parameters = new AugmentPreviewParams
        {
            Split = "validation",
            Variants = new Dictionary<string, AugmentVariant> { ["../x"] = new(), ["bad"] = new() { CjProb = 2, MinScale = 0 } },
        };

        var errors = parameters.Validate().ToList();

        Assert.Contains(errors, e => e.Key == "split");
        Assert.Contains(errors, e => e.Key == "variants.../x");
        Assert.Equal(2, errors.Count(e => e.Key == "variants.bad"));
    }

    [Fact]
    public void Samples_and_input_size_have_ranges()
    {
        var parameters = new AugmentPreviewParams { Samples = 0, InputSize = 4 };
        var results = new List<ValidationResult>();

        Assert.False(Validator.TryValidateObject(parameters, new ValidationContext(parameters), results, validateAllProperties: true));
        Assert.Equal(2, results.Count);
    }
}
