using Xunit.Abstractions;
using Xunit.Sdk;

namespace Pipeline.TestSupport.Skips;

/// <summary>
/// Discovers a <see cref="FactWhenAttribute"/> test: a plain fact (run, or skipped with its reason), except when
/// its prerequisite is missing and <see cref="RequireAll"/> is set, where the test fails with the reason.
/// </summary>
public sealed class FactWhenDiscoverer(IMessageSink diagnosticMessageSink) : IXunitTestCaseDiscoverer
{
    private readonly FactDiscoverer _fact = new(diagnosticMessageSink);

    public IEnumerable<IXunitTestCase> Discover(ITestFrameworkDiscoveryOptions discoveryOptions, ITestMethod testMethod, IAttributeInfo factAttribute)
    {
        var arguments = factAttribute.GetConstructorArguments().ToArray();
        var reason = FactWhenAttribute.MissingReason((Type)arguments[0], (string)arguments[1]);
        if (reason is not null && RequireAll.IsSet)
        {
            return
            [
                new ExecutionErrorTestCase(
                    diagnosticMessageSink,
                    discoveryOptions.MethodDisplayOrDefault(),
                    discoveryOptions.MethodDisplayOptionsOrDefault(),
                    testMethod,
                    $"{RequireAll.Variable} is set and this test cannot run: {reason}"),
            ];
        }

        return _fact.Discover(discoveryOptions, testMethod, factAttribute);
    }
}
