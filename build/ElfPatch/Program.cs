using System.Runtime.InteropServices;
using ElfPatch;

// Usage: ElfPatch [--dry-run] [--verify-load] FILE...
// Errors use MSBuild's canonical "origin: error CODE: text" form so the Exec task reports them as build errors.
var files = args.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToList();
var dryRun = args.Contains("--dry-run");
var verifyLoad = args.Contains("--verify-load");
if (files.Count == 0 || args.Any(a => a.StartsWith("--", StringComparison.Ordinal) && a is not "--dry-run" and not "--verify-load"))
{
    Console.Error.WriteLine("usage: ElfPatch [--dry-run] [--verify-load] FILE...");
    return 64;
}

var resolver = HostLibraryResolver.FromEnvironment();
var exitCode = 0;
foreach (var file in files)
{
    NativeFilePatcher.Result result;
    try
    {
        result = NativeFilePatcher.Patch(file, resolver, dryRun);
    }
    catch (Exception ex) when (ex is ElfFormatException or IOException or UnauthorizedAccessException)
    {
        Console.WriteLine($"{file}: error ELFPATCH001: cannot read or patch the library: {ex.Message}");
        exitCode = 1;
        continue;
    }

    foreach (var d in result.Decisions.Where(d => d.Status is NeedStatus.Weaken or NeedStatus.Blocked or NeedStatus.AlreadyWeak))
    {
        var symbols = string.Join(", ", d.Symbols.DefaultIfEmpty("(no symbols)"));
        switch (d.Status)
        {
            case NeedStatus.Blocked:
                Console.WriteLine(
                    $"{file}: error ELFPATCH002: needs {d.Need.Version} from {d.Need.File}, which {d.HostLibrary} does not define, " +
                    $"and relocations bind {symbols}. Install a newer {d.Need.File} (for libstdc++: GCC 13 or later, e.g. Debian trixie's libstdc++6) " +
                    "and put its directory first on LD_LIBRARY_PATH; see docs/torchsharp.md.");
                break;
            case NeedStatus.Weaken:
                Console.WriteLine(
                    $"ElfPatch: {file}: {d.Need.Version} from {d.Need.File} is missing in {d.HostLibrary}; " +
                    $"no relocation uses its symbols ({symbols}): {(dryRun ? "would mark" : "marked")} weak.");
                break;
            default:
                Console.WriteLine($"ElfPatch: {file}: {d.Need.Version} from {d.Need.File} is already weak.");
                break;
        }
    }
    if (result.Blocked)
    {
        exitCode = 1;
        continue;
    }
    Console.WriteLine(
        result.Written ? $"ElfPatch: {file}: patched."
        : dryRun ? $"ElfPatch: {file}: dry run, not written."
        : $"ElfPatch: {file}: nothing to change.");

    if (verifyLoad)
    {
        try
        {
            // Loads the library and its dependencies in this short-lived process, never in the MSBuild node.
            NativeLibrary.Load(Path.GetFullPath(file));
            Console.WriteLine($"ElfPatch: {file}: loads on this machine.");
        }
        catch (DllNotFoundException ex)
        {
            Console.WriteLine($"{file}: error ELFPATCH003: the library does not load on this machine: {ex.Message.ReplaceLineEndings(" ")}");
            exitCode = 2;
        }
        catch (BadImageFormatException ex)
        {
            Console.WriteLine($"{file}: error ELFPATCH003: the library does not load on this machine: {ex.Message.ReplaceLineEndings(" ")}");
            exitCode = 2;
        }
    }
}
return exitCode;
