namespace Pipeline.Engine.Yaml;

/// <summary>Suggests the closest valid name for a misspelt one (Levenshtein distance).</summary>
public static class NearestName
{
    /// <summary>The closest candidate within a distance that still looks like a typo, or null.</summary>
    public static string? Suggest(string wrong, IEnumerable<string> candidates)
    {
        candidates = candidates.ToList();
        string? best = null;
        var bestDistance = int.MaxValue;
        foreach (var candidate in candidates)
        {
            var distance = Distance(wrong, candidate);
            if (distance < bestDistance)
            {
                best = candidate;
                bestDistance = distance;
            }
        }

        var limit = Math.Max(2, wrong.Length / 3);
        if (bestDistance <= limit)
        {
            return best;
        }

        // 'memory' for 'mem', 'lr' for 'lr_schedule': one name is the start of the other.
        return candidates.FirstOrDefault(c => Math.Min(c.Length, wrong.Length) >= 3
            && (c.StartsWith(wrong, StringComparison.Ordinal) || wrong.StartsWith(c, StringComparison.Ordinal)));
    }

    /// <summary>" (did you mean 'x'?)" or an empty string.</summary>
    public static string Hint(string wrong, IEnumerable<string> candidates) =>
        Suggest(wrong, candidates) is { } s ? $" (did you mean '{s}'?)" : string.Empty;

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }

        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                var cost = a[i - 1] == b[j - 1] ? 0 : 1;
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + cost);
            }

            (previous, current) = (current, previous);
        }

        return previous[b.Length];
    }
}
