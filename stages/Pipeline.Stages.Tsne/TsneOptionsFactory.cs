using Pipeline.Tsne;

namespace Pipeline.Stages.Tsne;

/// <summary>Maps the stage params onto the library's <see cref="TsneOptions"/>.</summary>
public static class TsneOptionsFactory
{
    /// <summary>The options for <paramref name="parameters"/>, seeded with <paramref name="seed"/> (the resolved seed).</summary>
    public static TsneOptions Create(TsneParams parameters, int seed) => new()
    {
        Components = parameters.NComponents,
        Perplexity = parameters.Perplexity,
        Iterations = parameters.Iterations,
        EarlyExaggerationIterations = parameters.EarlyExaggerationIterations,
        EarlyExaggeration = parameters.EarlyExaggeration,
        LearningRate = parameters.LearningRate,
        Init = parameters.Init == TsneInitMethod.Random ? TsneInit.Random : TsneInit.Pca,
        Seed = seed,
        Threads = parameters.Threads,
        DegreesOfFreedom = parameters.DegreesOfFreedom,
    };
}
