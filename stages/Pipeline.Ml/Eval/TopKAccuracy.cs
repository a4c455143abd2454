using static TorchSharp.torch;

namespace Pipeline.Ml.Eval;

/// <summary>Top-k accuracy: the fraction of samples whose label is among the k highest scores.</summary>
public static class TopKAccuracy
{
    /// <summary>Top-<paramref name="k"/> accuracy of <paramref name="scores"/> [N, C] against <paramref name="labels"/> [N]; k is clamped to C; 0 for N = 0.</summary>
    public static double Compute(Tensor scores, Tensor labels, int k)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(k, 1);
        if (scores.shape[0] == 0)
        {
            return 0;
        }
        using var noGrad = no_grad();
        using var scope = NewDisposeScope();
        var (_, top) = scores.topk((int)Math.Min(k, scores.shape[1]), dim: 1);
        var hit = top.eq(labels.to_type(ScalarType.Int64).to(top.device).unsqueeze(1)).any(1);
        return hit.to_type(ScalarType.Float64).mean().item<double>();
    }
}
