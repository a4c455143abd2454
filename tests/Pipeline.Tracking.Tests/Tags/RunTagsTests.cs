using Pipeline.Tracking.Tags;

namespace Pipeline.Tracking.Tests.Tags;

public sealed class RunTagsTests
{
    [Fact]
    public void A_child_carries_its_parents_source_user_and_commit_and_nothing_else_of_the_parent()
    {
        var parent = RunTags.ForParent("nightly", "pipelines/smoke.yaml", "0123abcd", "pr-1", user: "ada");
        parent["pipeline.file_sha256"] = "feed";

        var child = RunTags.ForChild("pretrain", "pretrain", "pr-1", parent);

        Assert.Equal(
            new Dictionary<string, string>
            {
                [MlflowTagNames.RunName] = "pretrain",
                [PipelineTagNames.Stage] = "pretrain",
                [PipelineTagNames.PipelineRunId] = "pr-1",
                [MlflowTagNames.SourceName] = "pipelines/smoke.yaml",
                [MlflowTagNames.SourceType] = "LOCAL",
                [MlflowTagNames.User] = "ada",
                [MlflowTagNames.GitCommit] = "0123abcd",
            },
            child);
    }

    [Fact]
    public void Without_parent_tags_or_a_commit_the_child_has_only_its_own()
    {
        Assert.Equal(3, RunTags.ForChild("embed", "embed", "pr-2").Count);
        var noCommit = RunTags.ForChild("embed", "embed", "pr-2", RunTags.ForParent("r", "p.yaml", null, "pr-2", user: "u"));
        Assert.False(noCommit.ContainsKey(MlflowTagNames.GitCommit));
        Assert.Equal("u", noCommit[MlflowTagNames.User]);
    }
}
