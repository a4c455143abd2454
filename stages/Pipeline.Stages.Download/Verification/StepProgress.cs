using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Download.Verification;

/// <summary>Turns byte counts into <see cref="ProgressUpdate"/>s for one phase, at most one per 64 MB (and the last).</summary>
public sealed class StepProgress : IProgress<long>
{
    private const long Step = 64L << 20;
    private readonly IStageReporter _reporter;
    private readonly string _phase;
    private readonly long? _total;
    private long _next;

    /// <summary>Creates a progress sink for <paramref name="phase"/>.</summary>
    public StepProgress(IStageReporter reporter, string phase, long? total)
    {
        _reporter = reporter;
        _phase = phase;
        _total = total;
    }

    /// <inheritdoc />
    public void Report(long value)
    {
        if (value >= _next || value == _total)
        {
            _next = value + Step;
            _reporter.Progress(new ProgressUpdate(_phase, value, _total, "B"));
        }
    }
}
