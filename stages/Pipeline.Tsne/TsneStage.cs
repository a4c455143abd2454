namespace Pipeline.Tsne;

/// <summary>The phase a t-SNE run is in, as reported through <see cref="TsneProgress"/>.</summary>
public enum TsneStage
{
    /// <summary>Exact k-nearest-neighbour search in the input space.</summary>
    Neighbors,

    /// <summary>Perplexity calibration and symmetrisation of P.</summary>
    Affinities,

    /// <summary>PCA or random initialisation.</summary>
    Initialization,

    /// <summary>Gradient descent with exaggerated P.</summary>
    EarlyExaggeration,

    /// <summary>Gradient descent with the plain P.</summary>
    Optimization,

    /// <summary>Run finished; the final exact KL divergence is known.</summary>
    Done,
}
