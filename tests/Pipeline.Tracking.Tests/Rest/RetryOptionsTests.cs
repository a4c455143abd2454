using Pipeline.Tracking.Rest;

namespace Pipeline.Tracking.Tests.Rest;

/// <summary>MLflow's own variables for the HTTP timeout and retries are honoured, and a bad value is named.</summary>
public sealed class RetryOptionsTests
{
    [Fact]
    public void Unset_variables_keep_the_defaults()
    {
        Assert.Equal(new RetryOptions(), RetryOptions.FromEnvironment(new Dictionary<string, string>()));
    }

    [Fact]
    public void Mlflow_timeout_and_max_retries_set_the_attempt_timeout_and_the_retries()
    {
        var options = RetryOptions.FromEnvironment(new Dictionary<string, string>
        {
            ["MLFLOW_HTTP_REQUEST_TIMEOUT"] = "7",
            ["MLFLOW_HTTP_REQUEST_MAX_RETRIES"] = "0",
        });

        Assert.Equal(TimeSpan.FromSeconds(7), options.AttemptTimeout);
        Assert.Equal(0, options.MaxRetryAttempts);
    }

    [Theory]
    [InlineData("MLFLOW_HTTP_REQUEST_TIMEOUT", "0")]
    [InlineData("MLFLOW_HTTP_REQUEST_TIMEOUT", "2.5")]
    [InlineData("MLFLOW_HTTP_REQUEST_MAX_RETRIES", "-1")]
    public void A_value_that_is_not_a_whole_number_in_range_is_refused_with_its_name(string name, string value)
    {
        var error = Assert.Throws<ArgumentException>(() => RetryOptions.FromEnvironment(new Dictionary<string, string> { [name] = value }));
        Assert.Contains(name, error.Message, StringComparison.Ordinal);
    }
}
