namespace Pipeline.Tracking.Tags;

/// <summary>Builds the tag sets for parent (pipeline) runs and child (stage) runs.</summary>
public static class RunTags
{
    /// <summary>Tags of a pipeline's parent run: source, commit, user, run name and the pipeline run id.</summary>
    public static Dictionary<string, string> ForParent(
        string runName, string sourceName, string? gitCommit, string pipelineRunId, string? user = null)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MlflowTagNames.RunName] = runName,
            [MlflowTagNames.SourceName] = sourceName,
            [MlflowTagNames.SourceType] = "LOCAL",
            [MlflowTagNames.User] = user ?? Environment.UserName,
            [PipelineTagNames.PipelineRunId] = pipelineRunId,
        };
        if (!string.IsNullOrEmpty(gitCommit))
        {
            tags[MlflowTagNames.GitCommit] = gitCommit;
        }

        return tags;
    }

    /// <summary>
    /// Tags of a stage's child run. The parent link itself is added by <c>StartRunAsync</c>. With
    /// <paramref name="parentTags"/>, the child also carries the parent's source, user and commit, so the runs
    /// table's Source and User columns are filled for stage runs too.
    /// </summary>
    public static Dictionary<string, string> ForChild(string runName, string stageName, string pipelineRunId, IReadOnlyDictionary<string, string>? parentTags = null)
    {
        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [MlflowTagNames.RunName] = runName,
            [PipelineTagNames.Stage] = stageName,
            [PipelineTagNames.PipelineRunId] = pipelineRunId,
        };
        foreach (var key in new[] { MlflowTagNames.SourceName, MlflowTagNames.SourceType, MlflowTagNames.User, MlflowTagNames.GitCommit })
        {
            if (parentTags is not null && parentTags.TryGetValue(key, out var value))
            {
                tags[key] = value;
            }
        }

        return tags;
    }
}
