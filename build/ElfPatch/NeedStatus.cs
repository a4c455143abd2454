namespace ElfPatch;

/// <summary>What the host offers for one version need, and so what the patcher does with it.</summary>
public enum NeedStatus
{
    /// <summary>The host library defines the version: nothing to do.</summary>
    Satisfied,

    /// <summary>Already marked weak (an earlier patch, or built that way): nothing to do.</summary>
    AlreadyWeak,

    /// <summary>Missing on the host and no relocation uses its symbols: safe to mark weak.</summary>
    Weaken,

    /// <summary>Missing on the host and a relocation binds one of its symbols: the library cannot work here.</summary>
    Blocked,

    /// <summary>The dependency itself was not found on the host: left alone (the loader will say so).</summary>
    HostLibraryNotFound,
}
