using System.Diagnostics;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>The git commit of a folder, when it is inside a checkout.</summary>
public static class GitInfo
{
    /// <summary>The HEAD commit of the checkout holding <paramref name="directory"/>, or null.</summary>
    public static string? Commit(string directory)
    {
        try
        {
            var start = new ProcessStartInfo("git", ["rev-parse", "HEAD"]) { WorkingDirectory = directory, RedirectStandardOutput = true, RedirectStandardError = true };
            using var process = Process.Start(start);
            if (process is null)
            {
                return null;
            }

            var output = process.StandardOutput.ReadToEnd().Trim();
            return process.WaitForExit(5000) && process.ExitCode == 0 && output.Length == 40 ? output : null;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
