using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Pipeline.Orchestrator.Commands;

/// <summary>The one-shot hosted service that does the work (a run or a sweep) and stops the host with its exit code.</summary>
public sealed class RunService : BackgroundService
{
    private readonly Func<ILoggerFactory, CancellationToken, Task<int>> _work;
    private readonly IHostApplicationLifetime _lifetime;
    private readonly ILoggerFactory _loggers;

    /// <summary>Creates the service; the work logs through the host's <paramref name="loggers"/>.</summary>
    public RunService(Func<ILoggerFactory, CancellationToken, Task<int>> work, IHostApplicationLifetime lifetime, ILoggerFactory loggers)
    {
        _work = work;
        _lifetime = lifetime;
        _loggers = loggers;
    }

    /// <summary>The exit code once the work ended.</summary>
    public int ExitCode { get; private set; } = 1;

    /// <inheritdoc />
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            ExitCode = await _work(_loggers, stoppingToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            ExitCode = 130;
        }
        catch (Exception e)
        {
            await System.Console.Error.WriteLineAsync($"error: {e.Message}").ConfigureAwait(false);
            ExitCode = 1;
        }
        finally
        {
            _lifetime.StopApplication();
        }
    }
}
