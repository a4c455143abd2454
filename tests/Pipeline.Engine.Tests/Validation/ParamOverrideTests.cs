using Pipeline.Engine.Validation;
using Pipeline.Engine.Yaml;

namespace Pipeline.Engine.Tests.Validation;

public sealed class ParamOverrideTests
{
    [Fact]
    public void A_nested_key_path_within_the_depth_limit_is_parsed()
    {
        var parsed = ParamOverride.Parse("download.subset.train=50", 1, out var error);
        Assert.Null(error);
        Assert.Equal("subset.train", parsed!.KeyPath);
    }

    [Fact]
    public void A_key_path_nested_past_the_depth_limit_is_refused_and_cut_short()
    {
        var text = "download.subset." + string.Join('.', Enumerable.Repeat("a", 60_000)) + "=1";

        Assert.Null(ParamOverride.Parse(text, 1, out var error));

        Assert.Contains($"nests deeper than {YamlLimits.MaxDepth} levels", error);
        Assert.Contains("(120,017 characters)", error);
        Assert.True(error!.Length < 200, error);
    }
}
