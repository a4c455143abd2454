using System.Runtime.Intrinsics;

namespace Pipeline.Tsne.Optimization;

/// <summary>
/// The heavy-tailed output kernel w(d^2) = (1 + d^2/a)^-(a+1)/2 (Kobak et al. 2019; a = 1 is t-SNE's Cauchy kernel)
/// together with the force factor w / (1 + d^2/a), which multiplies (y_i - y_j) in the gradient.
/// Implemented by structs so the JIT specialises the fused loop for each one.
/// </summary>
internal interface IStudentTKernel
{
    /// <summary>Degrees of freedom a.</summary>
    double DegreesOfFreedom { get; }

    /// <summary>Returns w for each lane of d^2 and sets <paramref name="force"/> to w / (1 + d^2/a).</summary>
    Vector256<float> Evaluate(Vector256<float> squaredDistance, out Vector256<float> force);

    /// <summary>512-bit form of <see cref="Evaluate(Vector256{float}, out Vector256{float})"/>.</summary>
    Vector512<float> Evaluate(Vector512<float> squaredDistance, out Vector512<float> force);

    /// <summary>Scalar form of <see cref="Evaluate(Vector256{float}, out Vector256{float})"/>.</summary>
    float Evaluate(float squaredDistance, out float force);
}
