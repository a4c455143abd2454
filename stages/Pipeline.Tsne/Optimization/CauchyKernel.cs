using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Tsne.Optimization;

/// <summary>The standard t-SNE kernel w = 1 / (1 + d^2), one degree of freedom (van der Maaten &amp; Hinton 2008, eq. 4); force = w^2; w from a 14-bit reciprocal estimate.</summary>
internal readonly struct CauchyKernel : IStudentTKernel
{
    /// <inheritdoc/>
    public double DegreesOfFreedom => 1;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Evaluate(Vector256<float> squaredDistance, out Vector256<float> force)
    {
        var w = FastReciprocal.Estimate(Vector256<float>.One + squaredDistance);
        force = w * w;
        return w;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Evaluate(Vector512<float> squaredDistance, out Vector512<float> force)
    {
        var w = FastReciprocal.Estimate(Vector512<float>.One + squaredDistance);
        force = w * w;
        return w;
    }

    /// <inheritdoc/>
    public float Evaluate(float squaredDistance, out float force)
    {
        float w = 1f / (1f + squaredDistance);
        force = w * w;
        return w;
    }
}
