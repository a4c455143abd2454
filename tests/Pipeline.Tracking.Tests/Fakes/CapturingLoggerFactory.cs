using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace Pipeline.Tracking.Tests.Fakes;

/// <summary>Collects every formatted log line (with exception text) so tests can inspect or grep them.</summary>
internal sealed class CapturingLoggerFactory : ILoggerFactory
{
    public ConcurrentQueue<(LogLevel Level, string Text)> Lines { get; } = new();

    public string AllText => string.Join('\n', Lines.Select(l => l.Text));

    public IEnumerable<string> At(LogLevel level) => Lines.Where(l => l.Level == level).Select(l => l.Text);

    public ILogger CreateLogger(string categoryName) => new Logger(this);

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public void Dispose()
    {
    }

    private sealed class Logger(CapturingLoggerFactory owner) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner.Lines.Enqueue((logLevel, formatter(state, exception) + (exception is null ? string.Empty : "\n" + exception)));
    }
}
