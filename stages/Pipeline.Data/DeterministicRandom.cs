namespace Pipeline.Data;

/// <summary>
/// A small seeded generator (SplitMix64) whose sequence is fixed by this code, not by the runtime version, so the
/// same seed gives the same synthetic bytes and the same subset on every machine and .NET release.
/// </summary>
public sealed class DeterministicRandom
{
    private ulong _state;

    /// <summary>Starts a sequence from <paramref name="seed"/> and any number of <paramref name="streams"/> (for example split and image index).</summary>
    public DeterministicRandom(long seed, params long[] streams)
    {
        _state = Mix((ulong)seed);
        foreach (var stream in streams)
        {
            _state = Mix(_state ^ Mix((ulong)stream + 0x9E3779B97F4A7C15UL));
        }
    }

    /// <summary>A stable 64-bit id for a name (FNV-1a), for deriving streams from split names.</summary>
    public static long StreamId(string name)
    {
        var hash = 14695981039346656037UL;
        foreach (var ch in name)
        {
            hash = (hash ^ ch) * 1099511628211UL;
        }

        return (long)hash;
    }

    /// <summary>The next 64 random bits.</summary>
    public ulong NextUInt64()
    {
        _state += 0x9E3779B97F4A7C15UL;
        return Mix(_state);
    }

    /// <summary>A double in [0, 1).</summary>
    public double NextDouble() => (NextUInt64() >> 11) * (1.0 / (1UL << 53));

    /// <summary>A double in [<paramref name="min"/>, <paramref name="max"/>).</summary>
    public double NextDouble(double min, double max) => min + ((max - min) * NextDouble());

    /// <summary>An int in [0, <paramref name="maxExclusive"/>).</summary>
    public int NextInt(int maxExclusive)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(maxExclusive);
        return (int)(NextUInt64() % (ulong)maxExclusive);
    }

    /// <summary>Shuffles <paramref name="items"/> in place (Fisher-Yates).</summary>
    public void Shuffle<T>(Span<T> items)
    {
        for (var i = items.Length - 1; i > 0; i--)
        {
            var j = NextInt(i + 1);
            (items[i], items[j]) = (items[j], items[i]);
        }
    }

    private static ulong Mix(ulong z)
    {
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
