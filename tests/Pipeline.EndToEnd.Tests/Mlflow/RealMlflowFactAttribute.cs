using Pipeline.TestSupport.Browser;
using Pipeline.TestSupport.Skips;

namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// A test against a real MLflow server. Skipped, saying why, when no MLflow is found (see <see cref="MlflowInstall"/>),
/// unless <c>PIPELINE_REQUIRE_MLFLOW</c> is set: CI sets it, so a missing MLflow fails there. With
/// <see cref="Chromium"/> it also needs Debian's Chromium, and is skipped without it unless <c>PIPELINE_REQUIRE_ALL</c> is set.
/// </summary>
public sealed class RealMlflowFactAttribute : FactAttribute
{
    public const string RequireVariable = "PIPELINE_REQUIRE_MLFLOW";

    public RealMlflowFactAttribute()
    {
        if (MlflowInstall.Current is null && string.IsNullOrEmpty(Environment.GetEnvironmentVariable(RequireVariable)))
        {
            Skip = $"{MlflowInstall.Missing}; set {RequireVariable}=1 to make this a failure";
        }
    }

    /// <summary>The test opens MLflow's web UI in headless Chromium.</summary>
    public bool Chromium
    {
        get;
        set
        {
            field = value;
            if (value && Skip is null && !File.Exists(HeadlessChromium.ExecutablePath) && !RequireAll.IsSet)
            {
                Skip = $"{HeadlessChromium.ExecutablePath} is missing: run scripts/install-chromium.sh; set {RequireAll.Variable}=1 to make this a failure";
            }
        }
    }
}
