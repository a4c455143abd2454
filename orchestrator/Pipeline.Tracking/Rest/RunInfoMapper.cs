namespace Pipeline.Tracking.Rest;

/// <summary>Turns a REST run into the store-neutral <see cref="TrackedRunInfo"/>.</summary>
internal static class RunInfoMapper
{
    public static TrackedRunInfo ToInfo(MlflowRun run) =>
        new(
            run.Info.RunId,
            run.Info.ExperimentId,
            run.Info.RunName ?? string.Empty,
            RunStatusNames.FromRest(run.Info.Status),
            run.Info.StartTime,
            run.Info.EndTime,
            run.Info.ArtifactUri ?? string.Empty,
            (run.Data?.Metrics ?? []).GroupBy(m => m.Key, StringComparer.Ordinal).ToDictionary(g => g.Key, g => g.Last().Value, StringComparer.Ordinal),
            (run.Data?.Params ?? []).ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
            (run.Data?.Tags ?? []).ToDictionary(t => t.Key, t => t.Value, StringComparer.Ordinal));

    /// <summary>An MLflow search filter for one tag; the value is quoted with whichever quote it lacks.</summary>
    public static string TagFilter(string key, string value)
    {
        if (key.Contains('`', StringComparison.Ordinal) || (value.Contains('\'', StringComparison.Ordinal) && value.Contains('"', StringComparison.Ordinal)))
        {
            throw new ArgumentException($"Cannot search for tag '{key}' with value '{value}': it mixes quote characters.", nameof(value));
        }

        var quote = value.Contains('\'', StringComparison.Ordinal) ? '"' : '\'';
        return $"tags.`{key}` = {quote}{value}{quote}";
    }
}
