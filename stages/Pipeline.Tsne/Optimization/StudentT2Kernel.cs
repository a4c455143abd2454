using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Tsne.Optimization;

/// <summary>Two degrees of freedom, scikit-learn's choice in 3-D: w = (1 + d^2/2)^-3/2, force = w / (1 + d^2/2).</summary>
internal readonly struct StudentT2Kernel : IStudentTKernel
{
    /// <inheritdoc/>
    public double DegreesOfFreedom => 2;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Evaluate(Vector256<float> squaredDistance, out Vector256<float> force)
    {
        var r = FastReciprocal.Of(Vector256.MultiplyAddEstimate(squaredDistance, Vector256.Create(0.5f), Vector256<float>.One));
        var w = r * Vector256.Sqrt(r);
        force = w * r;
        return w;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Evaluate(Vector512<float> squaredDistance, out Vector512<float> force)
    {
        var r = FastReciprocal.Of(Vector512.MultiplyAddEstimate(squaredDistance, Vector512.Create(0.5f), Vector512<float>.One));
        var w = r * Vector512.Sqrt(r);
        force = w * r;
        return w;
    }

    /// <inheritdoc/>
    public float Evaluate(float squaredDistance, out float force)
    {
        float r = 1f / (1f + 0.5f * squaredDistance);
        float w = r * MathF.Sqrt(r);
        force = w * r;
        return w;
    }
}
