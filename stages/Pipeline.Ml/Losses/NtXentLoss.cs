using Pipeline.Ml.Native;
using static TorchSharp.torch;
using static TorchSharp.torch.nn;

namespace Pipeline.Ml.Losses;

/// <summary>
/// NT-Xent, the normalised temperature-scaled cross-entropy of SimCLR (Chen et al. 2020, eq. 1), as lightly's
/// <c>NTXentLoss</c> without a memory bank. For N images seen in two views, the 2N projections are
/// L2-normalised; each one's logits are its cosine similarities to the other 2N-1 divided by the temperature;
/// the other view of the same image is the positive, the remaining 2(N-1) views are negatives; the loss is
/// the mean cross-entropy over all 2N rows.
/// </summary>
public sealed class NtXentLoss : Module<Tensor, Tensor, Tensor>
{
    /// <summary>lightly's default temperature.</summary>
    public const double DefaultTemperature = 0.5;

    /// <summary>Creates the loss.</summary>
    /// <param name="temperature">τ in eq. 1; must be positive (lightly rejects |τ| &lt; 1e-8).</param>
    public NtXentLoss(double temperature = DefaultTemperature) : base(nameof(NtXentLoss))
    {
        if (!(temperature >= 1e-8) || double.IsInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(nameof(temperature), temperature, "The NT-Xent temperature must be a finite number of at least 1e-8.");
        }
        TorchNative.EnsureLoaded();
        Temperature = temperature;
        RegisterComponents();
    }

    /// <summary>τ, the softmax temperature.</summary>
    public double Temperature { get; }

    /// <summary>The loss of one batch.</summary>
    /// <param name="view0">Projections of the first views [N, D].</param>
    /// <param name="view1">Projections of the second views [N, D], row i the same image as row i of <paramref name="view0"/>.</param>
    /// <returns>A scalar tensor, differentiable with respect to both inputs.</returns>
    public override Tensor forward(Tensor view0, Tensor view1)
    {
        if (view0.dim() != 2 || !view0.shape.SequenceEqual(view1.shape))
        {
            throw new ArgumentException(
                $"NT-Xent needs two [N, D] tensors of the same shape; got [{string.Join(", ", view0.shape)}] and [{string.Join(", ", view1.shape)}].");
        }
        using var scope = NewDisposeScope();
        var n = view0.shape[0];
        var z = functional.normalize(cat([view0, view1], 0), p: 2, dim: 1);         // [2N, D]
        var logits = matmul(z, z.t()).div(Temperature);                              // [2N, 2N]
        // Self-similarity is removed from the softmax: exp(-inf) = 0 drops the diagonal from every denominator.
        var self = eye(2 * n, dtype: ScalarType.Bool, device: z.device);
        logits = logits.masked_fill(self, double.NegativeInfinity);
        // Row i's positive is the other view of the same image: i + N for the first views, i - N for the second.
        var positives = cat([arange(n, 2 * n, dtype: ScalarType.Int64, device: z.device), arange(0, n, dtype: ScalarType.Int64, device: z.device)], 0);
        return functional.cross_entropy(logits, positives).MoveToOuterDisposeScope();
    }
}
