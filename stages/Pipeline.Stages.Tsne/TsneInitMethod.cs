namespace Pipeline.Stages.Tsne;

/// <summary>How the t-SNE layout starts: from the first principal components (stable between runs) or at random.</summary>
public enum TsneInitMethod
{
    /// <summary>The first <c>n_components</c> principal components, scaled small.</summary>
    Pca,

    /// <summary>Small Gaussian noise from the seed.</summary>
    Random,
}
