namespace ElfPatch;

/// <summary>One <c>Elf64_Vernaux</c> of <c>.gnu.version_r</c>: a symbol version this library needs from a dependency.</summary>
/// <param name="File">The dependency's soname (<c>vn_file</c>), e.g. <c>libstdc++.so.6</c>.</param>
/// <param name="Version">The version name (<c>vna_name</c>), e.g. <c>GLIBCXX_3.4.32</c>.</param>
/// <param name="Index">The version index (<c>vna_other</c>) that <c>.gnu.version</c> entries refer to.</param>
/// <param name="Flags"><c>vna_flags</c>.</param>
/// <param name="FlagsOffset">Absolute file offset of <c>vna_flags</c>, where a patch writes.</param>
public sealed record VersionNeed(string File, string Version, ushort Index, ushort Flags, long FlagsOffset)
{
    /// <summary>True when the loader tolerates the version being absent (<c>VER_FLG_WEAK</c>).</summary>
    public bool IsWeak => (Flags & ElfConstants.VerFlgWeak) != 0;
}
