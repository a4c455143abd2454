using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;

namespace Pipeline.Engine.Execution.Slurm;

/// <summary>
/// What the cluster allows a stopping job: Slurm's <c>KillWait</c>, the seconds between the final SIGTERM of a
/// cancelled, timed-out or preempted job and its SIGKILL (<c>scontrol show config</c>; 30 s when not set).
/// </summary>
public static partial class SlurmCluster
{
    /// <summary>Slurm's default when the configuration does not say.</summary>
    public static readonly TimeSpan DefaultKillWait = TimeSpan.FromSeconds(30);

    /// <summary>How long the orchestrator's host waits for a cancelled run to stop when stages run as Slurm jobs:
    /// the stage's graceful stop, two scancel calls, the cluster's KillWait, and time to see the job end.</summary>
    public static TimeSpan ShutdownBudget(TimeSpan killWait) =>
        SlurmExecutor.GracefulStop + (2 * SlurmExecutor.SignalTimeout) + killWait + TimeSpan.FromSeconds(30);

    /// <summary>Reads <c>KillWait</c> from <c>scontrol show config</c>; null when Slurm cannot be asked.</summary>
    public static TimeSpan? ReadKillWait()
    {
        try
        {
            var start = new ProcessStartInfo("scontrol") { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            start.ArgumentList.Add("show");
            start.ArgumentList.Add("config");
            using var process = Process.Start(start)!;
            var stdout = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
            {
                process.Kill(entireProcessTree: true);
                return null;
            }

            return process.ExitCode == 0 ? ParseKillWait(stdout.GetAwaiter().GetResult()) : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }

    /// <summary>The <c>KillWait = N sec</c> line of <c>scontrol show config</c>'s output; the default when absent.</summary>
    public static TimeSpan ParseKillWait(string config)
    {
        var match = KillWaitLine().Match(config);
        return match.Success ? TimeSpan.FromSeconds(int.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture)) : DefaultKillWait;
    }

    [GeneratedRegex(@"^KillWait\s*=\s*(\d+)", RegexOptions.Multiline)]
    private static partial Regex KillWaitLine();
}
