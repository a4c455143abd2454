namespace ElfPatch;

/// <summary>One entry of an ELF64 section header table (System V gABI, "Sections").</summary>
/// <param name="Index">Position in the section header table.</param>
/// <param name="Name">Name from the section header string table, e.g. <c>.gnu.version_r</c>.</param>
/// <param name="Type"><c>sh_type</c>, one of the <see cref="ElfConstants"/> section types.</param>
/// <param name="Offset"><c>sh_offset</c>: where the section's bytes start in the file.</param>
/// <param name="Size"><c>sh_size</c> in bytes.</param>
/// <param name="Link"><c>sh_link</c>: index of the associated section (string or symbol table).</param>
/// <param name="Info"><c>sh_info</c>: for version sections, the number of entries.</param>
/// <param name="EntrySize"><c>sh_entsize</c>: size of one fixed-size entry, 0 otherwise.</param>
public sealed record ElfSection(
    int Index, string Name, uint Type, long Offset, long Size, int Link, uint Info, long EntrySize);
