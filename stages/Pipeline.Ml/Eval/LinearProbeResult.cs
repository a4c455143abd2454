using TorchSharp.Modules;

namespace Pipeline.Ml.Eval;

/// <summary>A trained linear probe holding the weights of its best epoch, and the per-epoch history.</summary>
public sealed class LinearProbeResult : IDisposable
{
    /// <summary>Creates the result; it owns <paramref name="classifier"/>.</summary>
    public LinearProbeResult(Linear classifier, int bestEpoch, IReadOnlyList<LinearProbeEpoch> history)
    {
        Classifier = classifier;
        BestEpoch = bestEpoch;
        History = history;
    }

    /// <summary>The linear layer [D -> classes], with the weights of <see cref="BestEpoch"/>, on the CPU, in eval mode.</summary>
    public Linear Classifier { get; }

    /// <summary>The 1-based epoch whose weights were kept: highest validation accuracy (earliest on ties), or the last without validation.</summary>
    public int BestEpoch { get; }

    /// <summary>Every epoch in order.</summary>
    public IReadOnlyList<LinearProbeEpoch> History { get; }

    /// <inheritdoc />
    public void Dispose() => Classifier.Dispose();
}
