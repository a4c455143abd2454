namespace Pipeline.Tsne;

/// <summary>A finished t-SNE run: the N x Components row-major embedding, its exact KL(P||Q) and the iterations run.</summary>
public sealed record TsneResult(float[] Embedding, double KlDivergence, int Iterations);
