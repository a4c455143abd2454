using System.Runtime.InteropServices;
using System.Text.Json;
using Pipeline.Engine.Catalog;
using Pipeline.Engine.Execution;
using Pipeline.Engine.Ledger;

namespace Pipeline.Orchestrator.Hosting;

/// <summary>
/// The stage process: reads its request file, runs the stage, writes events to stdout, and stops cleanly when
/// stdin closes (the orchestrator asked it to, or died), on SIGINT or on SIGTERM. Exit: 0 ok, 1 failed, 130 cancelled.
/// </summary>
public static class StageHost
{
    /// <summary>Runs the request at <paramref name="requestPath"/>; returns the process exit code.</summary>
    public static async Task<int> RunAsync(StageCatalog catalog, string requestPath, TextReader stdin, TextWriter stdout)
    {
        var invocation = JsonFiles.TryRead<StageInvocation>(requestPath);
        if (invocation is null)
        {
            await System.Console.Error.WriteLineAsync($"stage-host: cannot read request file {requestPath}").ConfigureAwait(false);
            return 2;
        }

        using var cts = new CancellationTokenSource();
        ConsoleCancelEventHandler onCancel = (_, e) =>
        {
            e.Cancel = true;
            cts.Cancel();
        };
        System.Console.CancelKeyPress += onCancel;
        using var sigterm = PosixSignalRegistration.Create(PosixSignal.SIGTERM, ctx =>
        {
            ctx.Cancel = true;
            cts.Cancel();
        });
        var watcher = new Thread(() =>
        {
            try
            {
                while (stdin.ReadLine() is { } line)
                {
                    if (line.Trim() == "cancel")
                    {
                        break;
                    }
                }
            }
            catch (IOException)
            {
            }

            cts.Cancel();
        })
        { IsBackground = true, Name = "orchestrator-watch" };
        // Under a batch scheduler there is no orchestrator on stdin: cancellation comes as SIGTERM (scancel, time limit).
        if (Environment.GetEnvironmentVariable("PIPELINE_STAGE_DETACHED") != "1")
        {
            watcher.Start();
        }

        var gate = new Lock();
        void Sink(StageEvent e)
        {
            lock (gate)
            {
                stdout.WriteLine(e.ToLine());
                stdout.Flush();
            }
        }

        if (invocation.StopGraceSeconds is { } grace)
        {
            Sink(new StageEvent
            {
                Kind = StageEventKind.Log,
                Detail = "Information",
                Text = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"a SIGTERM from the cluster (time limit, preemption, scancel) leaves this stage {grace:F0} s to save its position (Slurm's KillWait)"),
            });
        }

        // A stage process left running by an orchestrator that was killed stops as soon as it sees its stdin
        // close; until then it holds this lock, so a new process never works on the same checkpoint beside it.
        var checkpoint = Path.GetFullPath(invocation.CheckpointDirectory);
        StageOutcome outcome;
        try
        {
            using var checkpointLock = await Pipeline.Engine.Caching.KeyLock.AcquireAsync(
                Path.GetDirectoryName(checkpoint)!,
                Path.GetFileName(checkpoint) + ".process",
                new Pipeline.Engine.Caching.LockOwner(invocation.RunId, Environment.ProcessId, Environment.MachineName, invocation.StageId, DateTimeOffset.UtcNow),
                holder => Sink(new StageEvent { Kind = StageEventKind.Log, Detail = "Warning", Text = $"waiting for an earlier process of this stage (pid {holder?.Pid}) to stop" }),
                _ => { },
                cts.Token).ConfigureAwait(false);
            outcome = await StageInvoker.InvokeAsync(catalog, invocation, Sink, cts.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            outcome = new StageOutcome(StageOutcomeKind.Cancelled, "cancelled", 130);
        }

        System.Console.CancelKeyPress -= onCancel;
        JsonFiles.Write(Path.Combine(invocation.OutputDirectory, "..", Path.GetFileName(invocation.OutputDirectory) + ".result.json"), outcome);
        return outcome.Kind switch
        {
            StageOutcomeKind.Succeeded => 0,
            StageOutcomeKind.Cancelled => 130,
            _ => 1,
        };
    }
}
