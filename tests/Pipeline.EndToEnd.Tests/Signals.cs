using System.Runtime.InteropServices;

namespace Pipeline.EndToEnd.Tests;

internal static partial class Signals
{
    public const int SigInt = 2;
    public const int SigKill = 9;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    public static partial int Kill(int pid, int signal);
}
