namespace ElfPatch;

/// <summary>The ELF constants this tool reads (System V gABI; GNU symbol versioning from the LSB).</summary>
public static class ElfConstants
{
    /// <summary>Relocation entries with explicit addends.</summary>
    public const uint ShtRela = 4;

    /// <summary>Dynamic symbol table.</summary>
    public const uint ShtDynsym = 11;

    /// <summary>Relocation entries without addends.</summary>
    public const uint ShtRel = 9;

    /// <summary><c>.gnu.version_d</c>: the versions a library defines.</summary>
    public const uint ShtGnuVerdef = 0x6ffffffd;

    /// <summary><c>.gnu.version_r</c>: the versions a library needs from each dependency.</summary>
    public const uint ShtGnuVerneed = 0x6ffffffe;

    /// <summary><c>.gnu.version</c>: one version index per dynamic symbol.</summary>
    public const uint ShtGnuVersym = 0x6fffffff;

    /// <summary><c>vna_flags</c> bit: a missing version is not an error for the dynamic loader.</summary>
    public const ushort VerFlgWeak = 0x2;

    /// <summary>Mask of the version index in a <c>.gnu.version</c> entry (bit 15 is "hidden").</summary>
    public const ushort VersymIndexMask = 0x7fff;
}
