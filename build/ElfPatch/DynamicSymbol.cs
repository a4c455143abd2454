namespace ElfPatch;

/// <summary>A <c>.dynsym</c> entry: its index (what relocations refer to) and its name.</summary>
public sealed record DynamicSymbol(int Index, string Name);
