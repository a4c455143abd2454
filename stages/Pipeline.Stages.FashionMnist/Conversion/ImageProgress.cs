using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.FashionMnist.Conversion;

/// <summary>Turns image counts into <see cref="ProgressUpdate"/>s for one phase, at most one per 10,000 images (and the last).</summary>
internal sealed class ImageProgress : IProgress<int>
{
    private const int Step = 10_000;
    private readonly IStageReporter _reporter;
    private readonly string _phase;
    private readonly int _total;
    private int _next;

    public ImageProgress(IStageReporter reporter, string phase, int total)
    {
        _reporter = reporter;
        _phase = phase;
        _total = total;
    }

    public void Report(int value)
    {
        if (value >= _next || value == _total)
        {
            _next = value + Step;
            _reporter.Progress(new ProgressUpdate(_phase, value, _total, "images"));
        }
    }
}
