using Pipeline.Engine.Caching;
using Pipeline.Engine.Tests.Fakes;

namespace Pipeline.Engine.Tests.Caching;

public sealed class CodeIdentityTests
{
    [Fact]
    public void A_stage_carries_the_identity_of_the_stage_projects_it_references()
    {
        var identity = CodeIdentity.Of(typeof(TextStage));

        // The test assembly is not a stages/ project; the stage contract it references is.
        var abstractions = Assert.Single(identity.Projects);
        Assert.Equal("Pipeline.Stages.Abstractions", abstractions.Key);
        Assert.Matches("^[0-9a-f]{64}$", abstractions.Value);
        Assert.Contains("Pipeline.Stages.Abstractions/Stage.cs", identity.Files.Keys);
        Assert.Equal(CodeIdentity.Combine(identity.Projects), identity.Digest);
    }

    [Fact]
    public void Changes_name_the_project_and_the_files()
    {
        var now = new CodeIdentity("x",
            new Dictionary<string, string> { ["Pipeline.Ml"] = "m2", ["Pipeline.Data"] = "d1", ["Pipeline.Tsne"] = "t1" },
            new Dictionary<string, string> { ["Pipeline.Ml/Augment/Luma.cs"] = "l2", ["Pipeline.Ml/Heads/Head.cs"] = "h1", ["Pipeline.Data/Reader.cs"] = "r1" });
        var before = new Dictionary<string, string> { ["Pipeline.Ml"] = "m1", ["Pipeline.Data"] = "d1", ["Pipeline.Old"] = "o1" };
        var filesBefore = new Dictionary<string, string> { ["Pipeline.Ml/Augment/Luma.cs"] = "l1", ["Pipeline.Ml/Heads/Head.cs"] = "h1", ["Pipeline.Data/Reader.cs"] = "r1" };

        Assert.Equal(
            ["Pipeline.Ml (Augment/Luma.cs)", "Pipeline.Old (no longer used)", "Pipeline.Tsne (new dependency)"],
            now.ChangesSince(before, filesBefore));
    }
}
