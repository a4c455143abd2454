namespace ElfPatch;

/// <summary>
/// Decides which version needs to mark <c>VER_FLG_WEAK</c> and writes the flag. A need is weakened only when
/// the host library lacks the version and no relocation refers to any symbol of that version, so the loader
/// never has to bind one: e.g. GCC 13's <c>_ZSt21ios_base_library_initv@GLIBCXX_3.4.32</c>, a link-time anchor.
/// </summary>
public static class VersionNeedWeakener
{
    /// <summary>One decision per version need, in table order.</summary>
    /// <param name="image">The library to inspect.</param>
    /// <param name="hostLibrary">Soname to (path, defined versions) on the host, or null when not found.</param>
    public static IReadOnlyList<NeedDecision> Plan(
        ElfImage image, Func<string, (string Path, IReadOnlySet<string> Versions)?> hostLibrary)
    {
        var needs = SymbolVersioning.ReadVersionNeeds(image);
        if (needs.Count == 0)
        {
            return [];
        }
        var symbolsByIndex = SymbolVersioning.SymbolsByVersionIndex(image);
        var relocated = SymbolVersioning.RelocatedSymbolIndices(image);
        var hosts = new Dictionary<string, (string Path, IReadOnlySet<string> Versions)?>(StringComparer.Ordinal);

        var decisions = new List<NeedDecision>(needs.Count);
        foreach (var need in needs)
        {
            if (!hosts.TryGetValue(need.File, out var host))
            {
                hosts[need.File] = host = hostLibrary(need.File);
            }
            var symbols = symbolsByIndex.TryGetValue(need.Index, out var list) ? list : [];
            decisions.Add(Decide(need, host, symbols, relocated));
        }
        return decisions;
    }

    /// <summary>Sets <c>VER_FLG_WEAK</c> for every <see cref="NeedStatus.Weaken"/> decision; returns how many changed.</summary>
    public static int Apply(ElfImage image, IEnumerable<NeedDecision> decisions)
    {
        var changed = 0;
        foreach (var decision in decisions.Where(d => d.Status == NeedStatus.Weaken))
        {
            var current = image.U16(decision.Need.FlagsOffset);
            if ((current & ElfConstants.VerFlgWeak) == 0)
            {
                image.WriteU16(decision.Need.FlagsOffset, (ushort)(current | ElfConstants.VerFlgWeak));
                changed++;
            }
        }
        return changed;
    }

    private static NeedDecision Decide(
        VersionNeed need,
        (string Path, IReadOnlySet<string> Versions)? host,
        IReadOnlyList<DynamicSymbol> symbols,
        IReadOnlySet<int> relocated)
    {
        var names = symbols.Select(s => s.Name).ToList();
        if (host is null)
        {
            return new NeedDecision(need, NeedStatus.HostLibraryNotFound, null, names);
        }
        var (path, versions) = host.Value;
        if (versions.Contains(need.Version))
        {
            return new NeedDecision(need, NeedStatus.Satisfied, path, names);
        }
        if (need.IsWeak)
        {
            return new NeedDecision(need, NeedStatus.AlreadyWeak, path, names);
        }
        var bound = symbols.Where(s => relocated.Contains(s.Index)).Select(s => s.Name).ToList();
        return bound.Count > 0
            ? new NeedDecision(need, NeedStatus.Blocked, path, bound)
            : new NeedDecision(need, NeedStatus.Weaken, path, names);
    }
}
