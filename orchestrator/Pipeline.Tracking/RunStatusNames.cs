namespace Pipeline.Tracking;

/// <summary>Maps <see cref="RunStatus"/> to and from MLflow's REST spelling (RUNNING, FINISHED, ...).</summary>
internal static class RunStatusNames
{
    public static string ToRest(RunStatus status) => status.ToString().ToUpperInvariant();

    public static RunStatus FromRest(string? value) =>
        Enum.TryParse<RunStatus>(value, ignoreCase: true, out var status) ? status : RunStatus.Running;
}
