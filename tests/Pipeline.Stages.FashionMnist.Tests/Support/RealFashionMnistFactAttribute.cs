using Pipeline.Data.FashionMnist;

namespace Pipeline.Stages.FashionMnist.Tests.Support;

/// <summary>
/// A test on Debian's real Fashion-MNIST files. Skipped, saying why, when they are not installed, unless
/// <c>PIPELINE_REQUIRE_FASHION_MNIST</c> is set (CI that installs the package sets it, so a missing package fails).
/// </summary>
public sealed class RealFashionMnistFactAttribute : FactAttribute
{
    public const string RequireVariable = "PIPELINE_REQUIRE_FASHION_MNIST";

    public RealFashionMnistFactAttribute()
    {
        if (!Directory.Exists(FashionMnistFormat.DefaultDirectory) && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RequireVariable)))
        {
            Skip = $"{FashionMnistFormat.DefaultDirectory} does not exist: run scripts/install-fashion-mnist.sh " +
                $"({FashionMnistFormat.InstallCommand}); set {RequireVariable}=1 to make this a failure";
        }
    }
}
