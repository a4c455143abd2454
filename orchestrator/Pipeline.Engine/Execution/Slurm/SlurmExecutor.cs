using System.Diagnostics;
using System.Text;
using Pipeline.Engine.Ledger;

namespace Pipeline.Engine.Execution.Slurm;

/// <summary>
/// Runs each stage as one <c>sbatch</c> job on a filesystem shared with the orchestrator: the job runs the same
/// stage-host command as the local executor. The orchestrator follows the job's state, streams its output
/// (events and log lines), cancels it with <c>scancel</c> on Ctrl-C (at once while it is pending, SIGTERM first
/// once it runs), and reports a failure with the Slurm state and exit code. A job stopped by Slurm (time limit,
/// preemption) gets SIGTERM first and saves its checkpoint.
/// </summary>
public sealed class SlurmExecutor : IStageExecutor
{
    /// <summary>How long a running stage has after SIGTERM to save its checkpoint before the job is cancelled outright.</summary>
    public static readonly TimeSpan GracefulStop = TimeSpan.FromSeconds(60);

    /// <summary>How long one <c>scancel</c> may take before the orchestrator goes on without it.</summary>
    public static readonly TimeSpan SignalTimeout = TimeSpan.FromSeconds(10);

    private readonly HostCommand _host;
    private readonly TimeSpan _poll;
    private readonly Lazy<TimeSpan?> _killWait;

    /// <summary>Creates the executor; <paramref name="poll"/> is how often the job's state is read.</summary>
    public SlurmExecutor(HostCommand host, TimeSpan? poll = null)
    {
        _host = host;
        _poll = poll ?? TimeSpan.FromMilliseconds(300);
        _killWait = new Lazy<TimeSpan?>(SlurmCluster.ReadKillWait);
    }

    /// <summary>The cluster's KillWait, read once (null when <c>scontrol show config</c> cannot be read).</summary>
    public TimeSpan? KillWait => _killWait.Value;

    /// <inheritdoc />
    public async Task<StageOutcome> ExecuteAsync(StageInvocation invocation, Action<StageEvent> onEvent, CancellationToken cancellationToken)
    {
        var basePath = invocation.OutputDirectory.TrimEnd('/');
        var requestPath = basePath + ".request.json";
        var resultPath = basePath + ".result.json";
        var outputPath = basePath + ".slurm.out";
        var scriptPath = basePath + ".sbatch";
        File.Delete(resultPath);
        File.Delete(outputPath);
        // The stage learns how long the cluster lets it stop (Slurm's KillWait), so it can say when a step is longer.
        invocation = invocation with { StopGraceSeconds = KillWait?.TotalSeconds };
        JsonFiles.Write(requestPath, invocation);
        Stages.Abstractions.AtomicFile.WriteAllText(scriptPath, SlurmScript.Build(_host, invocation, requestPath, outputPath));

        var (code, stdout, stderr) = await RunAsync("sbatch", ["--parsable", scriptPath], CancellationToken.None).ConfigureAwait(false);
        if (code != 0)
        {
            return new StageOutcome(StageOutcomeKind.Failed, $"sbatch failed (exit code {code}): {stderr.Trim()}", code);
        }

        var jobId = stdout.Trim().Split(';')[0];
        onEvent(new StageEvent { Kind = StageEventKind.Log, Detail = "Information", Text = $"submitted as Slurm job {jobId}" });
        var tail = new OutputTail(outputPath, onEvent);
        var cancelled = false;
        SlurmJobState? state = null;
        while (true)
        {
            tail.Read();
            state = await ReadStateAsync(jobId).ConfigureAwait(false);
            if (state is null || state.IsFinished)
            {
                break;
            }

            if (cancellationToken.IsCancellationRequested && !cancelled)
            {
                cancelled = true;
                await CancelAsync(jobId, state, onEvent).ConfigureAwait(false);
            }

            await Task.Delay(_poll, CancellationToken.None).ConfigureAwait(false);
        }

        await Task.Delay(100, CancellationToken.None).ConfigureAwait(false);
        tail.Read(final: true);
        var result = JsonFiles.TryRead<StageOutcome>(resultPath);
        var described = state is null ? $"Slurm job {jobId} is no longer known to Slurm" : $"Slurm job {jobId} {state.State} (exit code {state.ExitCode}{(state.Reason is null or "None" ? string.Empty : $", reason {state.Reason}")})";
        if (state?.State == "COMPLETED" && result?.Kind != StageOutcomeKind.Failed)
        {
            return StageOutcome.Success;
        }

        if (cancelled)
        {
            return new StageOutcome(StageOutcomeKind.Cancelled, described, 130);
        }

        // Stopped by Slurm or an admin (scancel, time limit, preemption): a failure of this run, checkpoint kept.
        var message = result?.Kind == StageOutcomeKind.Failed ? $"{result.Message} ({described})"
            : result?.Kind == StageOutcomeKind.Cancelled ? $"{described}; the stage saved its checkpoint, run again to resume"
            : described;
        return new StageOutcome(StageOutcomeKind.Failed, message, result?.ExitCode ?? 1);
    }

    // A job that has not started is simply removed: Slurm refuses to signal it (scancel --signal retries a pending
    // job for about 95 s) and it has nothing to save. A running job gets SIGTERM in its batch shell and every step
    // so the stage can save its checkpoint, and is cancelled outright if the signal cannot be delivered.
    private static async Task CancelAsync(string jobId, SlurmJobState state, Action<StageEvent> onEvent)
    {
        if (!state.HasStarted)
        {
            onEvent(new StageEvent { Kind = StageEventKind.Log, Detail = "Warning", Text = $"cancelling Slurm job {jobId} ({state.State}: it has not started)" });
            await RunAsync("scancel", [jobId], CancellationToken.None, SignalTimeout).ConfigureAwait(false);
            return;
        }

        onEvent(new StageEvent { Kind = StageEventKind.Log, Detail = "Warning", Text = $"cancelling Slurm job {jobId}" });
        var (code, _, stderr) = await RunAsync("scancel", ["--signal=TERM", "--full", jobId], CancellationToken.None, SignalTimeout).ConfigureAwait(false);
        if (code != 0)
        {
            onEvent(new StageEvent { Kind = StageEventKind.Log, Detail = "Warning", Text = $"Slurm job {jobId} could not be signalled ({stderr.Trim()}); cancelling it" });
            await RunAsync("scancel", [jobId], CancellationToken.None, SignalTimeout).ConfigureAwait(false);
            return;
        }

        _ = CancelLaterAsync(jobId);
    }

    private static async Task CancelLaterAsync(string jobId)
    {
        // The stage had GracefulStop to checkpoint on SIGTERM; make sure the job ends even if it does not stop by
        // itself (scancel sends SIGTERM again, then SIGKILL after the cluster's KillWait).
        await Task.Delay(GracefulStop).ConfigureAwait(false);
        await RunAsync("scancel", [jobId], CancellationToken.None, SignalTimeout).ConfigureAwait(false);
    }

    private static async Task<SlurmJobState?> ReadStateAsync(string jobId)
    {
        var (code, stdout, _) = await RunAsync("scontrol", ["show", "job", "-o", jobId], CancellationToken.None).ConfigureAwait(false);
        return code == 0 ? stdout.Split('\n').Select(SlurmJobState.Parse).FirstOrDefault(s => s is not null) : null;
    }

    private static async Task<(int Code, string Stdout, string Stderr)> RunAsync(string program, IEnumerable<string> args, CancellationToken cancellationToken, TimeSpan? timeout = null)
    {
        if (timeout is { } limit)
        {
            // A Slurm client that hangs (or retries, as scancel does for a job it cannot signal yet) must not hold up a cancel.
            using var timer = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timer.CancelAfter(limit);
            try
            {
                return await RunAsync(program, args, timer.Token).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
            {
                return (124, string.Empty, $"{program} did not finish within {limit.TotalSeconds:F0} s");
            }
        }

        var start = new ProcessStartInfo(program) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in args)
        {
            start.ArgumentList.Add(a);
        }

        try
        {
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync(CancellationToken.None);
            var stderr = process.StandardError.ReadToEndAsync(CancellationToken.None);
            try
            {
                await process.WaitForExitAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                process.Kill(entireProcessTree: true);
                throw;
            }

            return (process.ExitCode, await stdout.ConfigureAwait(false), await stderr.ConfigureAwait(false));
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            return (127, string.Empty, $"{program} not found ({e.Message}): is the Slurm client installed and on PATH?");
        }
    }

    /// <summary>Follows the job's output file and turns complete lines into events.</summary>
    private sealed class OutputTail(string path, Action<StageEvent> onEvent)
    {
        private readonly StringBuilder _partial = new();
        private long _offset;

        public void Read(bool final = false)
        {
            if (!File.Exists(path))
            {
                return;
            }

            using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
            if (stream.Length <= _offset && !final)
            {
                return;
            }

            stream.Seek(_offset, SeekOrigin.Begin);
            using var reader = new StreamReader(stream, Encoding.UTF8);
            var text = reader.ReadToEnd();
            _offset = stream.Length;
            _partial.Append(text);
            var all = _partial.ToString();
            var lastNewline = all.LastIndexOf('\n');
            var complete = final ? all : lastNewline >= 0 ? all[..(lastNewline + 1)] : string.Empty;
            _partial.Clear().Append(all[complete.Length..]);
            foreach (var line in complete.Split('\n', StringSplitOptions.RemoveEmptyEntries))
            {
                onEvent(StageEvent.TryParse(line) ?? new StageEvent { Kind = StageEventKind.Log, Text = line, Detail = "slurm" });
            }
        }
    }
}
