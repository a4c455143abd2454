using System.Reflection;
using Xunit;
using Xunit.Sdk;

namespace Pipeline.TestSupport.Skips;

/// <summary>
/// A [Fact] that runs only where its prerequisite holds. The prerequisite is a public static string? property
/// (<paramref name="member"/> on <paramref name="declaringType"/>): null when the test can run, else why it cannot.
/// Then the test is skipped, visibly, with that reason, or fails with it when <see cref="RequireAll"/> is set.
/// </summary>
[XunitTestCaseDiscoverer("Pipeline.TestSupport.Skips.FactWhenDiscoverer", "Pipeline.TestSupport")]
[AttributeUsage(AttributeTargets.Method)]
public sealed class FactWhenAttribute : FactAttribute
{
    public FactWhenAttribute(Type declaringType, string member)
    {
        if (MissingReason(declaringType, member) is { } reason && !RequireAll.IsSet)
        {
            Skip = $"{reason} (set {RequireAll.Variable}=1 to make this a failure)";
        }
    }

    /// <summary>Why the prerequisite does not hold, or null when it does.</summary>
    public static string? MissingReason(Type declaringType, string member)
    {
        var property = declaringType.GetProperty(member, BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static)
            ?? throw new ArgumentException($"{declaringType.FullName} has no static property {member}", nameof(member));
        return (string?)property.GetValue(null);
    }
}
