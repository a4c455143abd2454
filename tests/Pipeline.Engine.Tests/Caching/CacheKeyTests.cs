using Pipeline.Engine.Caching;

namespace Pipeline.Engine.Tests.Caching;

public sealed class CacheKeyTests
{
    private static readonly Dictionary<string, string> Inputs = new() { ["dataset"] = "d1", ["encoder"] = "e1" };

    [Fact]
    public void The_recipe_of_the_key_is_pinned()
    {
        // Changing what goes into a key (or how) silently re-runs, or worse re-uses, every cached result: if this
        // fails on purpose, say so in the change and in docs/caching.md. The expected value is SHA-256 of the
        // canonical JSON (sorted keys, no spaces), checked outside .NET with Python's hashlib and json:
        // {"code":"c0de","inputs":{"dataset":"d1","encoder":"e1"},"params":{"epochs":3,"lr":0.06},"seed":42,"type":"simclr-pretrain","version":1}
        var key = CacheKey.Compute("simclr-pretrain", 1, "c0de", """{"epochs":3,"lr":0.06}""", 42, Inputs);
        Assert.Equal("52353f66fe86a45c6c8c384337af038e3491d5f0d472a10d2bc217a19e32d382", key);
    }

    [Fact]
    public void Every_part_changes_the_key_and_input_order_does_not()
    {
        var key = CacheKey.Compute("t", 1, "c", "{}", 1, Inputs);
        Assert.Equal(key, CacheKey.Compute("t", 1, "c", "{}", 1, Inputs.Reverse().ToDictionary()));
        Assert.NotEqual(key, CacheKey.Compute("u", 1, "c", "{}", 1, Inputs));
        Assert.NotEqual(key, CacheKey.Compute("t", 2, "c", "{}", 1, Inputs));
        Assert.NotEqual(key, CacheKey.Compute("t", 1, "d", "{}", 1, Inputs));
        Assert.NotEqual(key, CacheKey.Compute("t", 1, "c", """{"a":1}""", 1, Inputs));
        Assert.NotEqual(key, CacheKey.Compute("t", 1, "c", "{}", 2, Inputs));
        Assert.NotEqual(key, CacheKey.Compute("t", 1, "c", "{}", 1, new Dictionary<string, string> { ["dataset"] = "d2", ["encoder"] = "e1" }));
    }
}
