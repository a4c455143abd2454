using Spectre.Console;

namespace Pipeline.Orchestrator.Console;

/// <summary>
/// The terminal view of a run: Spectre.Console's live progress display with one row per running stage (what it
/// does, a bar, percent, ETA, rate and its last metric), while finished stages' lines scroll above it. With
/// <c>--jobs 2</c> two stages progress on their own rows. Only used on a terminal; CI and pipes get plain lines.
/// </summary>
internal sealed class LiveStageTable : IDisposable
{
    private readonly IAnsiConsole _console;
    private readonly TaskCompletionSource _stop = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<ProgressContext> _context = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Dictionary<string, ProgressTask> _rows = new(StringComparer.Ordinal);
    private readonly Lock _gate = new();
    private Task? _display;

    public LiveStageTable(IAnsiConsole console)
    {
        _console = console;
    }

    /// <summary>Starts the live display (in the background, until <see cref="Stop"/>).</summary>
    public void Start()
    {
        _display = _console.Progress()
            .AutoRefresh(true)
            .AutoClear(true)
            .HideCompleted(true)
            .Columns(
                new SpinnerColumn(),
                new TaskDescriptionColumn { Alignment = Justify.Left },
                new ProgressBarColumn(),
                new PercentageColumn(),
                new RemainingTimeColumn())
            .StartAsync(async context =>
            {
                _context.TrySetResult(context);
                await _stop.Task.ConfigureAwait(false);
            });
    }

    /// <summary>Shows <paramref name="description"/> and the fraction done on the row of <paramref name="stageId"/>.</summary>
    public void Update(string stageId, string description, double done, double? total)
    {
        if (!_context.Task.IsCompleted)
        {
            return;
        }

        var context = _context.Task.Result;
        lock (_gate)
        {
            if (!_rows.TryGetValue(stageId, out var row))
            {
                row = context.AddTask(Markup.Escape(description), autoStart: true, maxValue: total is > 0 ? total.Value : 1);
                _rows[stageId] = row;
            }

            row.Description = Markup.Escape(description);
            row.IsIndeterminate = total is not > 0;
            if (total is > 0 && Math.Abs(row.MaxValue - total.Value) > 1e-9)
            {
                row.MaxValue = total.Value;
            }

            row.Value = Math.Min(done, row.MaxValue);
        }
    }

    /// <summary>Removes the row of a stage that ended.</summary>
    public void Remove(string stageId)
    {
        lock (_gate)
        {
            if (_rows.Remove(stageId, out var row))
            {
                row.Value = row.MaxValue;
                row.StopTask();
            }
        }
    }

    /// <summary>Writes a line above the live rows.</summary>
    public void WriteLine(string text) => _console.WriteLine(text);

    /// <summary>Ends the live display and clears it.</summary>
    public void Stop()
    {
        _stop.TrySetResult();
        _display?.GetAwaiter().GetResult();
        _display = null;
    }

    public void Dispose() => Stop();
}
