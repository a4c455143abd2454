using System.Runtime.InteropServices;
using Pipeline.Ml.Native;

namespace Pipeline.Ml.Tests.Native;

public partial class OpenMpWaitPolicyTests
{
    [Fact]
    public void Libtorch_loads_with_a_passive_openmp_wait_unless_the_user_chose_one()
    {
        TorchNative.EnsureLoaded();

        // What libgomp read when it loaded: the native environment, which the managed one does not mirror on Unix.
        var native = Marshal.PtrToStringUTF8(GetEnv("OMP_WAIT_POLICY"));
        var chosen = Environment.GetEnvironmentVariable("OMP_WAIT_POLICY");
        if (chosen is not null)
        {
            Assert.Equal(chosen, native);
        }
        else if (Environment.GetEnvironmentVariable("GOMP_SPINCOUNT") is null)
        {
            Assert.Equal(TorchNative.OpenMpWaitPolicy, native);
        }
        else
        {
            Assert.Null(native);
        }
    }

    [LibraryImport("libc", EntryPoint = "getenv", StringMarshalling = StringMarshalling.Utf8)]
    private static partial IntPtr GetEnv(string name);
}
