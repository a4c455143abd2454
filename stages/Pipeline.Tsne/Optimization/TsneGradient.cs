using System.Runtime.CompilerServices;
using Pipeline.Tsne.Affinities;

namespace Pipeline.Tsne.Optimization;

/// <summary>
/// The exact gradient of KL(P||Q) with a Student-t output kernel of a degrees of freedom:
/// dC/dy_i = 2(a+1)/a * sum_j (e p_ij - q_ij) (1 + d_ij^2/a)^-1 (y_i - y_j), q_ij = w_ij / Z
/// (van der Maaten &amp; Hinton 2008, eq. 5, for a = 1; e is the early exaggeration).
/// One parallel pass per call: each point's attractive row (sparse) and repulsive row (fused, all N) are computed
/// by one worker in a fixed order, and Z is summed sequentially in double, so the result is bitwise independent
/// of the thread count.
/// </summary>
internal sealed class TsneGradient
{
    private const int ChunkRows = 64;

    private readonly SparseAffinities _p;
    private readonly double _dof;
    private readonly int _threads;
    private readonly float[][] _attractive;
    private readonly float[][] _repulsive;
    private readonly float[] _rowZ;

    /// <summary>Prepares buffers for an N x dims embedding.</summary>
    public TsneGradient(SparseAffinities p, int dims, double degreesOfFreedom, int threads)
    {
        _p = p;
        _dof = degreesOfFreedom;
        _threads = threads;
        _attractive = NewColumns(dims, p.N);
        _repulsive = NewColumns(dims, p.N);
        _rowZ = new float[p.N];
    }

    /// <summary>The constant 2(a+1)/a in front of the gradient (4 for standard t-SNE).</summary>
    public double Constant => 2 * (_dof + 1) / _dof;

    /// <summary>Writes dC/dy into gradient[c][i] and returns Z = sum_{i != j} w_ij at the current embedding.</summary>
    public double Compute(SoaEmbedding y, double exaggeration, float[][] gradient, CancellationToken ct)
    {
        if (_dof == 1)
        {
            Rows(new CauchyKernel(), y, ct);
        }
        else if (_dof == 2)
        {
            Rows(new StudentT2Kernel(), y, ct);
        }
        else
        {
            Rows(new StudentTKernel(_dof), y, ct);
        }

        double z = 0;
        for (int i = 0; i < y.N; i++)
        {
            z += _rowZ[i];
        }

        float attract = (float)(Constant * exaggeration);
        float repel = (float)(Constant / z);
        for (int c = 0; c < y.Dims; c++)
        {
            float[] a = _attractive[c], r = _repulsive[c], g = gradient[c];
            for (int i = 0; i < y.N; i++)
            {
                g[i] = attract * a[i] - repel * r[i];
            }
        }

        return z;
    }

    private void Rows<TKernel>(TKernel kernel, SoaEmbedding y, CancellationToken ct)
        where TKernel : struct, IStudentTKernel
    {
        int chunks = (y.N + ChunkRows - 1) / ChunkRows;
        var options = new ParallelOptions { MaxDegreeOfParallelism = _threads, CancellationToken = ct };
        Parallel.For(0, chunks, options, chunk => Chunk(kernel, y, chunk));
    }

    // One worker's rows. Compiled optimised at once: a t-SNE run calls it only ~100,000 times, too few for tiering
    // to leave the slow first versions early.
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private void Chunk<TKernel>(TKernel kernel, SoaEmbedding y, int chunk)
        where TKernel : struct, IStudentTKernel
    {
        Span<float> attractive = stackalloc float[y.Dims];
        Span<float> repulsive = stackalloc float[y.Dims];
        int end = Math.Min(y.N, (chunk + 1) * ChunkRows);
        for (int i = chunk * ChunkRows; i < end; i++)
        {
            AttractiveForces.Row(_p, y, _dof, i, attractive);
            _rowZ[i] = RepulsiveForces.Row(kernel, y, i, repulsive);
            for (int c = 0; c < y.Dims; c++)
            {
                _attractive[c][i] = attractive[c];
                _repulsive[c][i] = repulsive[c];
            }
        }
    }

    /// <summary>A dims x n jagged array.</summary>
    internal static float[][] NewColumns(int dims, int n)
    {
        var columns = new float[dims][];
        for (int c = 0; c < dims; c++)
        {
            columns[c] = new float[n];
        }

        return columns;
    }
}
