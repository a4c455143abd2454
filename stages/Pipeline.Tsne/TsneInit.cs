namespace Pipeline.Tsne;

/// <summary>How the embedding is initialised before gradient descent.</summary>
public enum TsneInit
{
    /// <summary>Top principal components scaled to standard deviation 1e-4 (Kobak &amp; Berens 2019, "The art of using t-SNE").</summary>
    Pca,

    /// <summary>Isotropic Gaussian with standard deviation 1e-4 (van der Maaten &amp; Hinton 2008).</summary>
    Random,
}
