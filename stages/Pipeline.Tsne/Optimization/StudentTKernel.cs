using System.Runtime.CompilerServices;
using System.Runtime.Intrinsics;

namespace Pipeline.Tsne.Optimization;

/// <summary>Any degrees of freedom a: w = exp(-(a+1)/2 * log(1 + d^2/a)), force = w / (1 + d^2/a) (Kobak et al. 2019).</summary>
internal readonly struct StudentTKernel(double degreesOfFreedom) : IStudentTKernel
{
    private readonly float _inverseDof = (float)(1 / degreesOfFreedom);
    private readonly float _exponent = (float)(-(degreesOfFreedom + 1) / 2);

    /// <inheritdoc/>
    public double DegreesOfFreedom { get; } = degreesOfFreedom;

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector256<float> Evaluate(Vector256<float> squaredDistance, out Vector256<float> force)
    {
        var u = Vector256.MultiplyAddEstimate(squaredDistance, Vector256.Create(_inverseDof), Vector256<float>.One);
        var w = Vector256.Exp(Vector256.Create(_exponent) * Vector256.Log(u));
        force = w * FastReciprocal.Of(u);
        return w;
    }

    /// <inheritdoc/>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public Vector512<float> Evaluate(Vector512<float> squaredDistance, out Vector512<float> force)
    {
        var u = Vector512.MultiplyAddEstimate(squaredDistance, Vector512.Create(_inverseDof), Vector512<float>.One);
        var w = Vector512.Exp(Vector512.Create(_exponent) * Vector512.Log(u));
        force = w * FastReciprocal.Of(u);
        return w;
    }

    /// <inheritdoc/>
    public float Evaluate(float squaredDistance, out float force)
    {
        float u = 1f + squaredDistance * _inverseDof;
        float w = MathF.Exp(_exponent * MathF.Log(u));
        force = w / u;
        return w;
    }
}
