using Pipeline.Stages.Abstractions;
using Pipeline.Tsne;

namespace Pipeline.Stages.Tsne;

/// <summary>
/// Forwards the optimiser's progress to the stage reporter synchronously (unlike <see cref="Progress{T}"/>, which posts
/// to the thread pool and can reorder reports): a progress bar in iterations, the library's phase and the KL divergence
/// as detail, and the KL divergence as a stepped metric whenever the library computed it.
/// </summary>
internal sealed class TsneProgressReporter(IStageReporter reporter) : IProgress<TsneProgress>
{
    public const string Phase = "t-SNE";

    public void Report(TsneProgress value)
    {
        var kl = value.KlDivergence;
        var detail = kl is { } k ? $"{value.Stage}, KL {k:0.0000}" : value.Stage.ToString();
        reporter.Progress(new ProgressUpdate(Phase, value.Iteration, value.TotalIterations, "iterations", detail));
        // At the last iteration the optimiser's estimate and the exact value that Done brings share a step; keep
        // only the exact one, so the history has each step once and ends on the summary's value.
        if (kl is { } known && (value.Stage == Pipeline.Tsne.TsneStage.Done || value.Iteration < value.TotalIterations))
        {
            reporter.LogMetric(TsneStage.Metrics.KlDivergence, known, value.Iteration);
        }
    }
}
