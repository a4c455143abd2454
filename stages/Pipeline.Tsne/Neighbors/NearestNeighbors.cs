namespace Pipeline.Tsne.Neighbors;

/// <summary>The K nearest other points of each of N points, nearest first: row-major N x K indices and squared distances.</summary>
internal sealed record NearestNeighbors(int N, int K, int[] Indices, float[] SquaredDistances);
