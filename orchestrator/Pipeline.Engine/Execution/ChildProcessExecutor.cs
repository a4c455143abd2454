using System.Diagnostics;
using Pipeline.Engine.Ledger;

namespace Pipeline.Engine.Execution;

/// <summary>
/// Runs each stage in its own process, so a native crash, an out-of-memory kill or a <c>kill -9</c> takes down
/// that stage and not the orchestrator. The stage process stops when its stdin closes, so it never outlives us.
/// </summary>
public sealed class ChildProcessExecutor : IStageExecutor
{
    private readonly HostCommand _host;
    private readonly TimeSpan _grace;

    /// <summary>Creates the executor; <paramref name="cancelGrace"/> is how long a cancelled stage may take to checkpoint.</summary>
    public ChildProcessExecutor(HostCommand host, TimeSpan? cancelGrace = null)
    {
        _host = host;
        _grace = cancelGrace ?? TimeSpan.FromSeconds(60);
    }

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageInvocation invocation, Action<StageEvent> onEvent, CancellationToken cancellationToken)
    {
        var requestPath = invocation.OutputDirectory.TrimEnd('/') + ".request.json";
        var resultPath = invocation.OutputDirectory.TrimEnd('/') + ".result.json";
        File.Delete(resultPath);
        JsonFiles.Write(requestPath, invocation);

        var start = new ProcessStartInfo(_host.FileName)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var argument in _host.PrefixArguments.Concat(["stage-host", requestPath]))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = new Process { StartInfo = start, EnableRaisingEvents = true };
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                return;
            }

            onEvent(StageEvent.TryParse(e.Data) ?? new StageEvent { Kind = StageEventKind.Log, Text = e.Data, Detail = "stdout" });
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                onEvent(new StageEvent { Kind = StageEventKind.Log, Text = e.Data, Detail = "stderr" });
            }
        };

        process.Start();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        var cancelled = false;
        try
        {
            await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            cancelled = true;
            await StopAsync(process).ConfigureAwait(false);
        }

        process.WaitForExit();
        var code = process.ExitCode;
        if (code == 0 && !cancelled)
        {
            return StageOutcome.Success;
        }

        if (code == 130 || cancelled)
        {
            return new StageOutcome(StageOutcomeKind.Cancelled, "cancelled", code);
        }

        var result = JsonFiles.TryRead<StageOutcome>(resultPath);
        return new StageOutcome(StageOutcomeKind.Failed, result?.Message ?? Describe(code), code);
    }

    /// <summary>Explains an exit code of a process that did not say why it failed.</summary>
    public static string Describe(int code) => code switch
    {
        137 => "the stage process was killed (SIGKILL: out of memory or kill -9), exit code 137",
        139 => "the stage process crashed (SIGSEGV, a native crash), exit code 139",
        134 => "the stage process aborted (SIGABRT, a native crash), exit code 134",
        > 128 and < 160 => $"the stage process was killed by signal {code - 128}, exit code {code}",
        _ => $"the stage process exited with code {code}",
    };

    private async Task StopAsync(Process process)
    {
        try
        {
            await process.StandardInput.WriteLineAsync("cancel").ConfigureAwait(false);
            process.StandardInput.Close();
        }
        catch (IOException)
        {
            // Already gone.
        }

        using var grace = new CancellationTokenSource(_grace);
        try
        {
            await process.WaitForExitAsync(grace.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
        }
    }
}
