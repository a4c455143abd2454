using System.ComponentModel.DataAnnotations;
using System.Text.Json.Serialization;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Tsne;

/// <summary>Params of <c>tsne</c>: the t-SNE settings (openTSNE/scikit-learn defaults), an optional sample size and the seed.</summary>
public sealed record TsneParams : IValidatableParams
{
    /// <summary>Dimensions of the map: 3 (the reference figures) or 2.</summary>
    [Range(2, 3, ErrorMessage = "must be 2 or 3")]
    public int NComponents { get; init; } = 3;

    /// <summary>The effective number of neighbours each point keeps (typical values 5 to 50); at most (N - 1) / 3.</summary>
    [Range(0.0, 1e6, MinimumIsExclusive = true, ErrorMessage = "must be more than 0 (typical values are 5 to 50)")]
    public double Perplexity { get; init; } = 30;

    /// <summary>Optimisation steps in all, the early-exaggeration phase included.</summary>
    [Range(1, 1_000_000, ErrorMessage = "must be at least 1")]
    public int Iterations { get; init; } = 750;

    /// <summary>The factor on the affinities during the first <see cref="EarlyExaggerationIterations"/> steps.</summary>
    [Range(1.0, 1000.0, ErrorMessage = "must be between 1 (none) and 1000")]
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>Steps of the early-exaggeration phase, counted in <see cref="Iterations"/>.</summary>
    [Range(0, 1_000_000, ErrorMessage = "must be 0 or more")]
    public int EarlyExaggerationIterations { get; init; } = 250;

    /// <summary>The gradient step in the openTSNE convention (4x scikit-learn's); null (<c>auto</c>) means max(N / exaggeration, 50) in each phase.</summary>
    [JsonConverter(typeof(AutoOrNumberJsonConverter))]
    public double? LearningRate { get; init; }

    /// <summary>How the layout starts.</summary>
    public TsneInitMethod Init { get; init; } = TsneInitMethod.Pca;

    /// <summary>Embed only this many points, sampled class-balanced and deterministically from the seed; null keeps all.</summary>
    public int? MaxPoints { get; init; }

    /// <summary>Seed of the sample and of the optimisation; null uses the pipeline seed.</summary>
    public int? Seed { get; init; }

    /// <summary>Worker threads; 0 uses every core.</summary>
    [Range(0, 4096, ErrorMessage = "must be 0 (all cores) or more")]
    [Operational]
    public int Threads { get; init; }

    /// <summary>Degrees of freedom of the Student-t kernel in the map; 1 is standard t-SNE, lower values give tighter clusters.</summary>
    [Range(0.0, 1000.0, MinimumIsExclusive = true, ErrorMessage = "must be more than 0 (1 is standard t-SNE)")]
    public double DegreesOfFreedom { get; init; } = 1;

    /// <summary>The largest perplexity <paramref name="points"/> points allow: (N - 1) / 3, since each point needs 3 x perplexity neighbours.</summary>
    public static double MaxPerplexityFor(int points) => (points - 1) / 3.0;

    /// <inheritdoc />
    public IEnumerable<ParamError> Validate()
    {
        if (EarlyExaggerationIterations > Iterations)
        {
            yield return new ParamError("early_exaggeration_iterations", $"must not exceed iterations ({Iterations}): iterations counts the early-exaggeration phase too, got {EarlyExaggerationIterations}");
        }

        if (LearningRate is { } rate && !(rate > 0 && double.IsFinite(rate)))
        {
            yield return new ParamError("learning_rate", $"must be a positive number or \"{AutoOrNumberJsonConverter.Auto}\", got {rate}");
        }

        if (MaxPoints is { } max)
        {
            if (max < 2)
            {
                yield return new ParamError("max_points", $"must be at least 2 (or left out to keep every point), got {max}");
            }
            else if (Perplexity > MaxPerplexityFor(max))
            {
                yield return new ParamError("perplexity", $"{Perplexity} is too large for max_points {max}: it must be at most (max_points - 1) / 3 = {MaxPerplexityFor(max):0.##}");
            }
        }
    }

    /// <summary>Every problem, from the attributes and from <see cref="Validate"/>, as the engine reports them.</summary>
    public IReadOnlyList<ParamError> AllErrors()
    {
        var results = new List<ValidationResult>();
        Validator.TryValidateObject(this, new ValidationContext(this), results, validateAllProperties: true);
        var errors = results
            .Select(r => new ParamError(System.Text.Json.JsonNamingPolicy.SnakeCaseLower.ConvertName(r.MemberNames.FirstOrDefault() ?? string.Empty), r.ErrorMessage ?? "is invalid"))
            .ToList();
        errors.AddRange(Validate());
        return errors;
    }
}
