namespace Pipeline.EndToEnd.Tests.Mlflow;

/// <summary>
/// A test against a real MLflow server. Skipped, saying why, when no MLflow is found (see <see cref="MlflowInstall"/>),
/// unless <c>PIPELINE_REQUIRE_MLFLOW</c> is set: CI sets it, so a missing MLflow fails there.
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
}
