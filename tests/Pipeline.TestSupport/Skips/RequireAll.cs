namespace Pipeline.TestSupport.Skips;

/// <summary>
/// <c>PIPELINE_REQUIRE_ALL=1</c> (set by .ci/run) turns every conditional skip into a failure, so CI cannot pass
/// with a test it should run left out.
/// </summary>
public static class RequireAll
{
    public const string Variable = "PIPELINE_REQUIRE_ALL";

    public static bool IsSet => Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value && value != "0";
}
