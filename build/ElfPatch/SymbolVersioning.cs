namespace ElfPatch;

/// <summary>
/// Reads GNU symbol versioning tables (LSB Core, "Symbol Versioning"): <c>.gnu.version_r</c>,
/// <c>.gnu.version_d</c>, <c>.gnu.version</c>, and which dynamic symbols relocations use.
/// </summary>
public static class SymbolVersioning
{
    private const int VerneedSize = 16;
    private const int VernauxSize = 16;
    private const int VerdefSize = 20;
    private const int VerdauxSize = 8;
    private const int SymbolSize = 24;

    /// <summary>Every version need, in table order. Empty when the file has no <c>.gnu.version_r</c>.</summary>
    public static IReadOnlyList<VersionNeed> ReadVersionNeeds(ElfImage image)
    {
        var section = image.FindSection(ElfConstants.ShtGnuVerneed);
        if (section is null)
        {
            return [];
        }
        var strings = StringTable(image, section);
        var needs = new List<VersionNeed>();
        long at = section.Offset;
        // sh_info holds the entry count; following vn_next past it would mean a corrupt chain.
        for (var entry = 0; entry < section.Info; entry++)
        {
            EnsureInside(image, section, at, VerneedSize);
            var count = image.U16(at + 2);
            var file = image.ReadString(strings, image.U32(at + 4));
            long aux = at + image.U32(at + 8);
            for (var i = 0; i < count; i++)
            {
                EnsureInside(image, section, aux, VernauxSize);
                var flags = image.U16(aux + 4);
                var index = image.U16(aux + 6);
                var name = image.ReadString(strings, image.U32(aux + 8));
                needs.Add(new VersionNeed(file, name, index, flags, aux + 4));
                var nextAux = image.U32(aux + 12);
                if (nextAux == 0)
                {
                    break;
                }
                aux += nextAux;
            }
            var next = image.U32(at + 12);
            if (next == 0)
            {
                break;
            }
            at += next;
        }
        return needs;
    }

    /// <summary>The version names a library defines (<c>.gnu.version_d</c>), including its base (soname) entry.</summary>
    public static IReadOnlySet<string> ReadVersionDefinitions(ElfImage image)
    {
        var section = image.FindSection(ElfConstants.ShtGnuVerdef);
        var names = new HashSet<string>(StringComparer.Ordinal);
        if (section is null)
        {
            return names;
        }
        var strings = StringTable(image, section);
        long at = section.Offset;
        for (var entry = 0; entry < section.Info; entry++)
        {
            EnsureInside(image, section, at, VerdefSize);
            // The first Verdaux names the version itself; later ones name its parents.
            long aux = at + image.U32(at + 12);
            EnsureInside(image, section, aux, VerdauxSize);
            names.Add(image.ReadString(strings, image.U32(aux)));
            var next = image.U32(at + 16);
            if (next == 0)
            {
                break;
            }
            at += next;
        }
        return names;
    }

    /// <summary>Dynamic symbol names grouped by the version index their <c>.gnu.version</c> entry carries.</summary>
    public static IReadOnlyDictionary<ushort, IReadOnlyList<DynamicSymbol>> SymbolsByVersionIndex(ElfImage image)
    {
        var result = new Dictionary<ushort, List<DynamicSymbol>>();
        var versym = image.FindSection(ElfConstants.ShtGnuVersym);
        var dynsym = image.FindSection(ElfConstants.ShtDynsym);
        if (versym is null || dynsym is null)
        {
            return new Dictionary<ushort, IReadOnlyList<DynamicSymbol>>();
        }
        var strings = StringTable(image, dynsym);
        var count = dynsym.Size / SymbolSize;
        if (versym.Size / 2 != count)
        {
            throw new ElfFormatException($"{image.Name}: .gnu.version has {versym.Size / 2} entries but .dynsym has {count} symbols.");
        }
        for (var i = 1; i < count; i++)
        {
            var index = (ushort)(image.U16(versym.Offset + (i * 2)) & ElfConstants.VersymIndexMask);
            var name = image.ReadString(strings, image.U32(dynsym.Offset + (i * SymbolSize)));
            if (!result.TryGetValue(index, out var list))
            {
                result[index] = list = [];
            }
            list.Add(new DynamicSymbol((int)i, name));
        }
        return result.ToDictionary(kv => kv.Key, kv => (IReadOnlyList<DynamicSymbol>)kv.Value);
    }

    /// <summary>Indices of dynamic symbols that some <c>SHT_RELA</c>/<c>SHT_REL</c> entry against <c>.dynsym</c> names.</summary>
    public static IReadOnlySet<int> RelocatedSymbolIndices(ElfImage image)
    {
        var used = new HashSet<int>();
        var dynsym = image.FindSection(ElfConstants.ShtDynsym);
        if (dynsym is null)
        {
            return used;
        }
        foreach (var section in image.Sections)
        {
            if ((section.Type != ElfConstants.ShtRela && section.Type != ElfConstants.ShtRel) || section.Link != dynsym.Index)
            {
                continue;
            }
            var entrySize = section.Type == ElfConstants.ShtRela ? 24 : 16;
            for (long at = section.Offset; at + entrySize <= section.Offset + section.Size; at += entrySize)
            {
                // ELF64_R_SYM(r_info) is the high 32 bits.
                var symbol = (int)(image.U64(at + 8) >> 32);
                if (symbol != 0)
                {
                    used.Add(symbol);
                }
            }
        }
        return used;
    }

    private static ElfSection StringTable(ElfImage image, ElfSection owner)
    {
        if (owner.Link <= 0 || owner.Link >= image.Sections.Count)
        {
            throw new ElfFormatException($"{image.Name}: section {owner.Name} links to string table {owner.Link}, which does not exist.");
        }
        return image.Sections[owner.Link];
    }

    private static void EnsureInside(ElfImage image, ElfSection section, long at, int length)
    {
        if (at < section.Offset || at + length > section.Offset + section.Size)
        {
            throw new ElfFormatException($"{image.Name}: {section.Name} entry at 0x{at:x} runs outside the section.");
        }
    }
}
