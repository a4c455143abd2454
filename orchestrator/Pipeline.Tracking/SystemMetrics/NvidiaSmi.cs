using System.Diagnostics;
using System.Globalization;

namespace Pipeline.Tracking.SystemMetrics;

/// <summary>
/// GPU readings from <c>nvidia-smi --query-gpu=utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits</c>
/// (MLflow asks NVML for the same numbers). On a machine without nvidia-smi, or once it failed or hung past its
/// timeout, it gives no readings and is not run again: GPU metrics are then simply absent.
/// </summary>
public sealed class NvidiaSmi
{
    /// <summary>The arguments nvidia-smi is run with.</summary>
    public const string Arguments = "--query-gpu=utilization.gpu,memory.used,memory.total --format=csv,noheader,nounits";

    private const double BytesPerMebibyte = 1024.0 * 1024.0;
    private readonly string? _executable;
    private readonly TimeSpan _timeout;
    private bool _failed;

    /// <summary>Looks nvidia-smi up on <c>PATH</c> (or uses <paramref name="executable"/>).</summary>
    public NvidiaSmi(string? executable = null, TimeSpan? timeout = null)
    {
        _executable = executable ?? FindOnPath("nvidia-smi");
        _timeout = timeout ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>True when there is an nvidia-smi to ask.</summary>
    public bool Available => _executable is not null && !_failed;

    /// <summary>One reading per GPU; empty when there is no nvidia-smi or it failed.</summary>
    public IReadOnlyList<GpuReading> Read()
    {
        if (!Available)
        {
            return [];
        }

        try
        {
            var start = new ProcessStartInfo(_executable!, Arguments) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            _ = process.StandardError.ReadToEndAsync();
            if (!process.WaitForExit(_timeout))
            {
                process.Kill(entireProcessTree: true);
                _failed = true;
                return [];
            }

            if (process.ExitCode != 0)
            {
                _failed = true;
                return [];
            }

            return Parse(output.GetAwaiter().GetResult());
        }
        catch (Exception e) when (e is System.ComponentModel.Win32Exception or InvalidOperationException or IOException)
        {
            _failed = true;
            return [];
        }
    }

    /// <summary>
    /// Parses nvidia-smi's CSV (one line per GPU, in index order: utilisation %, memory used MiB, memory total MiB);
    /// a field it cannot give (<c>[N/A]</c>, <c>[Not Supported]</c>) becomes null, a line it cannot read is skipped.
    /// </summary>
    public static IReadOnlyList<GpuReading> Parse(string output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var readings = new List<GpuReading>();
        var lines = output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        for (var index = 0; index < lines.Length; index++)
        {
            var fields = lines[index].Split(',', StringSplitOptions.TrimEntries);
            if (fields.Length != 3)
            {
                continue;
            }

            var utilization = Number(fields[0]);
            var usedMib = Number(fields[1]);
            var totalMib = Number(fields[2]);
            readings.Add(new GpuReading(
                index,
                utilization,
                usedMib is { } used ? Math.Round(used * BytesPerMebibyte / 1e6, 1) : null,
                usedMib is { } u && totalMib is { } t && t > 0 ? Math.Round(100.0 * u / t, 1) : null));
        }

        return readings;
    }

    private static double? Number(string field) =>
        double.TryParse(field, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && double.IsFinite(value) ? value : null;

    private static string? FindOnPath(string name)
    {
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? string.Empty).Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            var candidate = Path.Combine(folder, name);
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        return null;
    }
}
