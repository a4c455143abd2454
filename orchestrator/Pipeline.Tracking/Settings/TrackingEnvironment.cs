namespace Pipeline.Tracking.Settings;

/// <summary>Names of the environment variables MLflow clients read; we honour the same ones.</summary>
public static class TrackingEnvironment
{
    /// <summary>Tracking server URI or file store path.</summary>
    public const string TrackingUri = "MLFLOW_TRACKING_URI";

    /// <summary>Experiment name override.</summary>
    public const string ExperimentName = "MLFLOW_EXPERIMENT_NAME";

    /// <summary>Bearer token.</summary>
    public const string Token = "MLFLOW_TRACKING_TOKEN";

    /// <summary>Basic auth user name.</summary>
    public const string Username = "MLFLOW_TRACKING_USERNAME";

    /// <summary>Basic auth password.</summary>
    public const string Password = "MLFLOW_TRACKING_PASSWORD";

    /// <summary>"true" turns TLS certificate verification off.</summary>
    public const string InsecureTls = "MLFLOW_TRACKING_INSECURE_TLS";

    /// <summary>Seconds one HTTP attempt may take (MLflow's name; our default is 30).</summary>
    public const string HttpRequestTimeout = "MLFLOW_HTTP_REQUEST_TIMEOUT";

    /// <summary>Retries of a transient HTTP failure after the first attempt (MLflow's name; our default is 5).</summary>
    public const string HttpRequestMaxRetries = "MLFLOW_HTTP_REQUEST_MAX_RETRIES";

    /// <summary>A snapshot of the process environment, for callers that do not inject one.</summary>
    public static IReadOnlyDictionary<string, string> FromProcess()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string key && entry.Value is string value)
            {
                result[key] = value;
            }
        }

        return result;
    }
}
