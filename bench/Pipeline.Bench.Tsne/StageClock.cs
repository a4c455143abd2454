using System.Diagnostics;
using Pipeline.Tsne;

namespace Pipeline.Bench.Tsne;

/// <summary>Records, synchronously, the wall and process CPU time at which each t-SNE stage began.</summary>
internal sealed class StageClock : IProgress<TsneProgress>
{
    private readonly Stopwatch _timer = Stopwatch.StartNew();
    private readonly List<(TsneStage Stage, double Wall, double Cpu)> _marks = [];
    private TsneStage? _last;

    /// <inheritdoc/>
    public void Report(TsneProgress value)
    {
        if (value.Stage != _last)
        {
            _marks.Add((value.Stage, _timer.Elapsed.TotalSeconds, Process.GetCurrentProcess().TotalProcessorTime.TotalSeconds));
            _last = value.Stage;
        }
    }

    /// <summary>"stage wall/cpu" for each stage that ended.</summary>
    public override string ToString() => string.Join("; ", _marks.Zip(_marks.Skip(1), (a, b) =>
        $"{a.Stage} {b.Wall - a.Wall:F2}s wall/{b.Cpu - a.Cpu:F2}s cpu"));
}
