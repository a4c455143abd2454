namespace ElfPatch;

/// <summary>The patcher's verdict on one version need.</summary>
/// <param name="Need">The need from <c>.gnu.version_r</c>.</param>
/// <param name="Status">What the host offers and what is done about it.</param>
/// <param name="HostLibrary">The host library checked against, or null when none was found.</param>
/// <param name="Symbols">The dynamic symbols bound to this version (for Blocked: only the relocated ones).</param>
public sealed record NeedDecision(VersionNeed Need, NeedStatus Status, string? HostLibrary, IReadOnlyList<string> Symbols);
