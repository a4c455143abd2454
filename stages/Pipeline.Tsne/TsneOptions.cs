namespace Pipeline.Tsne;

/// <summary>
/// Parameters of one t-SNE run, defaults following openTSNE / FIt-SNE (Poličar et al. 2019; Linderman et al. 2019)
/// and Kobak &amp; Berens (2019): perplexity 30, 250 iterations at exaggeration 12, 750 in total, PCA init,
/// learning rate max(N / exaggeration, 50) per phase.
/// </summary>
public sealed record TsneOptions
{
    /// <summary>Dimension of the embedding (2 and 3 have vectorised kernels; others use a scalar fallback).</summary>
    public int Components { get; init; } = 3;

    /// <summary>Target perplexity of each conditional distribution p(.|i); k = 3 x perplexity neighbours are used.
    /// When 3 x perplexity exceeds N - 1 it is lowered to (N - 1) / 3, as openTSNE does.</summary>
    public double Perplexity { get; init; } = 30;

    /// <summary>Iterations run with P multiplied by <see cref="EarlyExaggeration"/> and momentum 0.5.</summary>
    public int EarlyExaggerationIterations { get; init; } = 250;

    /// <summary>Total iterations, early exaggeration included; the rest run with momentum 0.8.</summary>
    public int Iterations { get; init; } = 750;

    /// <summary>Factor on P during the early-exaggeration phase (van der Maaten &amp; Hinton 2008, section 3.4).</summary>
    public double EarlyExaggeration { get; init; } = 12;

    /// <summary>Step size in the openTSNE / FIt-SNE convention (the gradient without its constant factor
    /// 2(a+1)/a, which is 4 for a = 1; scikit-learn's value for the same step is 4 times smaller).
    /// Null means auto: max(N / exaggeration, 50) in each phase (Belkina et al. 2019).</summary>
    public double? LearningRate { get; init; }

    /// <summary>Initialisation of the embedding.</summary>
    public TsneInit Init { get; init; } = TsneInit.Pca;

    /// <summary>Seed for the random initialisation and for the PCA power iteration's starting block.</summary>
    public int Seed { get; init; } = 42;

    /// <summary>Worker threads; 0 means <see cref="Environment.ProcessorCount"/>. Output does not depend on it.</summary>
    public int Threads { get; init; }

    /// <summary>Degrees of freedom a of the Student-t output kernel (1 + d^2/a)^-(a+1)/2 (Kobak et al. 2019,
    /// "Heavy-tailed kernels reveal a finer cluster structure"). 1 is standard t-SNE; scikit-learn uses
    /// max(Components - 1, 1).</summary>
    public double DegreesOfFreedom { get; init; } = 1;

    /// <summary>Every problem with these options, all at once; empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (Components < 1)
        {
            errors.Add($"Components must be at least 1 (got {Components}).");
        }

        if (!(Perplexity > 0) || double.IsInfinity(Perplexity))
        {
            errors.Add($"Perplexity must be a positive finite number (got {Perplexity}).");
        }

        if (EarlyExaggerationIterations < 0)
        {
            errors.Add($"EarlyExaggerationIterations must be 0 or more (got {EarlyExaggerationIterations}).");
        }

        if (Iterations < EarlyExaggerationIterations)
        {
            errors.Add($"Iterations ({Iterations}) is the total and must be at least EarlyExaggerationIterations ({EarlyExaggerationIterations}).");
        }

        if (!(EarlyExaggeration > 0) || double.IsInfinity(EarlyExaggeration))
        {
            errors.Add($"EarlyExaggeration must be a positive finite number (got {EarlyExaggeration}).");
        }

        if (LearningRate is { } rate && (!(rate > 0) || double.IsInfinity(rate)))
        {
            errors.Add($"LearningRate must be a positive finite number or null for auto (got {rate}).");
        }

        if (!Enum.IsDefined(Init))
        {
            errors.Add($"Init must be one of {string.Join(", ", Enum.GetNames<TsneInit>())} (got {(int)Init}).");
        }

        if (Threads < 0)
        {
            errors.Add($"Threads must be 0 (all cores) or more (got {Threads}).");
        }

        if (!(DegreesOfFreedom > 0) || double.IsInfinity(DegreesOfFreedom))
        {
            errors.Add($"DegreesOfFreedom must be a positive finite number (got {DegreesOfFreedom}).");
        }

        return errors;
    }
}
