using Microsoft.Extensions.Logging;

namespace Pipeline.Engine.Execution;

/// <summary>A logger that turns log calls of a stage into <see cref="StageEventKind.Log"/> events.</summary>
public sealed class EventLogger : ILogger
{
    private readonly Action<StageEvent> _sink;
    private readonly LogLevel _minimum;

    /// <summary>Creates the logger.</summary>
    public EventLogger(Action<StageEvent> sink, LogLevel minimum = LogLevel.Information)
    {
        _sink = sink;
        _minimum = minimum;
    }

    /// <inheritdoc />
    public IDisposable? BeginScope<TState>(TState state)
        where TState : notnull => null;

    /// <inheritdoc />
    public bool IsEnabled(LogLevel logLevel) => logLevel >= _minimum;

    /// <inheritdoc />
    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        if (!IsEnabled(logLevel))
        {
            return;
        }

        var text = formatter(state, exception);
        if (exception is not null && logLevel >= LogLevel.Error)
        {
            text += Environment.NewLine + exception;
        }

        _sink(new StageEvent { Kind = StageEventKind.Log, Text = text, Detail = logLevel.ToString() });
    }
}
