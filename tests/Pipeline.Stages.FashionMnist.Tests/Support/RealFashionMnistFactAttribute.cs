using Pipeline.Data.FashionMnist;
using Pipeline.TestSupport.Skips;

namespace Pipeline.Stages.FashionMnist.Tests.Support;

/// <summary>
/// A test on Debian's real Fashion-MNIST files. Skipped, saying why, when they are not installed, unless
/// <c>PIPELINE_REQUIRE_FASHION_MNIST</c> or <c>PIPELINE_REQUIRE_ALL</c> is set (.ci/run sets both, so a missing
/// package fails).
/// </summary>
public sealed class RealFashionMnistFactAttribute : FactAttribute
{
    public const string RequireVariable = "PIPELINE_REQUIRE_FASHION_MNIST";

    public RealFashionMnistFactAttribute()
    {
        if (!Directory.Exists(FashionMnistFormat.DefaultDirectory) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RequireVariable)) && !RequireAll.IsSet)
        {
            Skip = $"{FashionMnistFormat.DefaultDirectory} does not exist: run scripts/install-fashion-mnist.sh " +
                $"({FashionMnistFormat.InstallCommand}); set {RequireVariable}=1 or {RequireAll.Variable}=1 to make this a failure";
        }
    }
}
