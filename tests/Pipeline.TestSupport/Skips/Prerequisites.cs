namespace Pipeline.TestSupport.Skips;

/// <summary>Prerequisites shared by several test projects, for <see cref="FactWhenAttribute"/>: null when met.</summary>
public static class Prerequisites
{
    public static string? Linux => OperatingSystem.IsLinux() ? null : "needs Linux (ELF files and the ld.so cache)";
}
