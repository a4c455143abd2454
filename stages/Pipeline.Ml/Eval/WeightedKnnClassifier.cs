using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Pipeline.Ml.Eval;

/// <summary>
/// The weighted k-nearest-neighbour classifier used to report self-supervised feature quality (Wu et al. 2018,
/// "Unsupervised Feature Learning via Non-Parametric Instance Discrimination"; lightly's <c>knn_predict</c>):
/// features are L2-normalised, the k most cosine-similar bank entries vote for their class with weight
/// exp(similarity / T), and the class with the largest summed weight wins.
/// </summary>
public static class WeightedKnnClassifier
{
    /// <summary>Class scores of every query: [Q, classCount] (summed neighbour weights).</summary>
    /// <param name="bankFeatures">Features of the labelled bank [N, D].</param>
    /// <param name="bankLabels">Labels of the bank [N] (int64, 0..classCount-1).</param>
    /// <param name="queryFeatures">Features to classify [Q, D].</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="k">Neighbours; clamped to the bank size.</param>
    /// <param name="temperature">T in exp(sim / T).</param>
    /// <param name="queryBatchSize">Queries per similarity matrix, to bound memory at Q x N.</param>
    public static Tensor Scores(Tensor bankFeatures, Tensor bankLabels, Tensor queryFeatures, int classCount, int k = 200, double temperature = 0.1, int queryBatchSize = 1024)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(classCount, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(queryBatchSize, 1);
        if (!(temperature > 0))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The temperature must be positive.");
        }
        if (bankFeatures.shape[0] == 0)
        {
            throw new ArgumentException("the feature bank is empty", nameof(bankFeatures));
        }

        using var noGrad = no_grad();
        using var outer = NewDisposeScope();
        var bank = normalize(bankFeatures.to_type(ScalarType.Float32), p: 2, dim: 1);
        var labels = bankLabels.to_type(ScalarType.Int64);
        var neighbours = (int)Math.Min(k, bank.shape[0]);
        var parts = new List<Tensor>();
        for (long start = 0; start < queryFeatures.shape[0]; start += queryBatchSize)
        {
            using var scope = NewDisposeScope();
            var length = Math.Min(queryBatchSize, queryFeatures.shape[0] - start);
            var query = normalize(queryFeatures.narrow(0, start, length).to_type(ScalarType.Float32), p: 2, dim: 1);
            var similarity = query.matmul(bank.t());                     // [B, N]
            var (topSimilarity, topIndex) = similarity.topk(neighbours, dim: 1);
            var topLabels = labels.index_select(0, topIndex.flatten()).view(length, neighbours);
            var weights = topSimilarity.div(temperature).exp();          // [B, k]
            var votes = one_hot(topLabels, classCount).to_type(ScalarType.Float32).mul(weights.unsqueeze(-1));
            parts.Add(votes.sum(1).MoveToOuterDisposeScope());                       // [B, C]
        }
        var scores = parts.Count == 0 ? zeros(0, classCount) : cat(parts, 0);
        return scores.MoveToOuterDisposeScope();
    }
}
