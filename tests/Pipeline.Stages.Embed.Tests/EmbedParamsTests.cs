using System.Text.Json;
using Pipeline.Stages.Abstractions;
using Pipeline.Data.Tables;

namespace Pipeline.Stages.Embed.Tests;

public sealed class EmbedParamsTests
{
    [Fact]
    public void Defaults_embed_the_test_split_in_batches_of_256()
    {
        var defaults = new EmbedParams();

        Assert.Empty(defaults.Validate());
        Assert.Equal(["test"], defaults.Splits);
        Assert.Equal(256, defaults.BatchSize);
        Assert.Null(defaults.MaxImages);
    }

    [Fact]
    public void Every_invalid_value_is_reported_at_once_under_its_key()
    {
        var bad = new EmbedParams { Splits = ["test", "", "test"], BatchSize = 0, Device = "gpu", Threads = -2, MaxImages = 0 };

        var keys = bad.Validate().Select(e => e.Key).ToList();

        Assert.Equal(["splits.1", "splits.2", "batch_size", "device", "threads", "max_images"], keys);
        Assert.Equal("splits", Assert.Single(new EmbedParams { Splits = [] }.Validate()).Key);
    }

    [Fact]
    public void Binds_from_snake_case_json()
    {
        var parsed = JsonSerializer.Deserialize<EmbedParams>("""{"splits": ["train", "test"], "batch_size": 64, "max_images": 100}""", ParamsJson.Options)!;

        Assert.Equal(["train", "test"], parsed.Splits);
        Assert.Equal(64, parsed.BatchSize);
        Assert.Equal(100, parsed.MaxImages);
    }

    [Fact]
    public void Embedding_columns_are_zero_padded_to_three_digits()
    {
        Assert.Equal(["f000", "f001", "f511"], EmbeddingsTable.FeatureColumns(512).Where((_, i) => i is 0 or 1 or 511));
        Assert.Equal("f1023", EmbeddingsTable.FeatureColumns(1024)[^1]);
    }
}
