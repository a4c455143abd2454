namespace Pipeline.Tracking.Settings;

/// <summary>
/// Where runs are tracked and as which experiment, resolved once per orchestrator invocation.
/// Credentials are held but never shown: <see cref="ToString"/> prints only the auth scheme.
/// </summary>
public sealed class TrackingSettings
{
    /// <summary>The default local store, relative to the base directory.</summary>
    public const string DefaultStorePath = "mlruns";

    private TrackingSettings(
        TrackingBackend backend,
        string trackingUri,
        string uriSource,
        string experimentName,
        string experimentSource,
        TrackingCredentials? credentials,
        bool insecureTls)
    {
        Backend = backend;
        TrackingUri = trackingUri;
        UriSource = uriSource;
        ExperimentName = experimentName;
        ExperimentSource = experimentSource;
        Credentials = credentials;
        InsecureTls = insecureTls;
    }

    /// <summary>REST server or local file store.</summary>
    public TrackingBackend Backend { get; }

    /// <summary>
    /// For <see cref="TrackingBackend.Rest"/> the server URI without user info; for the file store the absolute folder path.
    /// </summary>
    public string TrackingUri { get; }

    /// <summary>Which input the URI came from (for "why this store" log lines).</summary>
    public string UriSource { get; }

    /// <summary>The MLflow experiment name.</summary>
    public string ExperimentName { get; }

    /// <summary>Which input the experiment name came from.</summary>
    public string ExperimentSource { get; }

    /// <summary>True when TLS certificates are not verified (MLFLOW_TRACKING_INSECURE_TLS=true).</summary>
    public bool InsecureTls { get; }

    /// <summary>"Bearer", "Basic" or "none"; safe to log.</summary>
    public string AuthScheme => Credentials?.Scheme ?? "none";

    internal TrackingCredentials? Credentials { get; }

    /// <summary>Resolves settings from the process environment.</summary>
    public static TrackingSettings Resolve(TrackingSources sources) =>
        Resolve(sources, TrackingEnvironment.FromProcess());

    /// <summary>
    /// Resolves settings: URI from the CLI flag, else MLFLOW_TRACKING_URI, else the pipeline's tracking_uri,
    /// else ./mlruns; experiment from MLFLOW_EXPERIMENT_NAME, else the pipeline's experiment, else its name.
    /// </summary>
    /// <exception cref="ArgumentException">The URI has an unsupported scheme or no experiment name can be found.</exception>
    public static TrackingSettings Resolve(TrackingSources sources, IReadOnlyDictionary<string, string> environment)
    {
        ArgumentNullException.ThrowIfNull(sources);
        ArgumentNullException.ThrowIfNull(environment);
        string? Env(string name) =>
            environment.TryGetValue(name, out var value) && !string.IsNullOrWhiteSpace(value) ? value.Trim() : null;

        var (rawUri, uriSource) =
            NonBlank(sources.CommandLineUri) is { } cli ? (cli, "--tracking-uri")
            : Env(TrackingEnvironment.TrackingUri) is { } env ? (env, TrackingEnvironment.TrackingUri)
            : NonBlank(sources.PipelineTrackingUri) is { } yaml ? (yaml, "pipeline tracking_uri")
            : ("./" + DefaultStorePath, "default");

        var (experiment, experimentSource) =
            Env(TrackingEnvironment.ExperimentName) is { } envExp ? (envExp, TrackingEnvironment.ExperimentName)
            : NonBlank(sources.PipelineExperiment) is { } yamlExp ? (yamlExp, "pipeline experiment")
            : NonBlank(sources.PipelineName) is { } name ? (name, "pipeline name")
            : throw new ArgumentException("No experiment name: set MLFLOW_EXPERIMENT_NAME, the pipeline's 'experiment' or its 'name'.", nameof(sources));

        var baseDirectory = sources.BaseDirectory ?? Directory.GetCurrentDirectory();
        var insecure = string.Equals(Env(TrackingEnvironment.InsecureTls), "true", StringComparison.OrdinalIgnoreCase);

        if (IsHttp(rawUri, out var httpUri))
        {
            var credentials = CredentialsFrom(Env(TrackingEnvironment.Token), Env(TrackingEnvironment.Username), Env(TrackingEnvironment.Password), httpUri);
            var clean = UriRedaction.StripUserInfo(httpUri).ToString().TrimEnd('/');
            return new TrackingSettings(TrackingBackend.Rest, clean, uriSource, experiment, experimentSource, credentials, insecure);
        }

        var path = FileStorePath(rawUri, baseDirectory, uriSource);
        return new TrackingSettings(TrackingBackend.FileStore, path, uriSource, experiment, experimentSource, null, insecure);
    }

    /// <summary>Like <see cref="ToString"/> without the experiment (for replays, whose runs name their own).</summary>
    public string ServerDescription =>
        $"{Backend} {UriRedaction.Redact(TrackingUri)} (from {UriSource}), auth {AuthScheme}{(InsecureTls ? ", TLS not verified" : string.Empty)}";

    /// <summary>A log-safe description: backend, URI without user info, experiment and auth scheme only.</summary>
    public override string ToString() =>
        $"{Backend} {UriRedaction.Redact(TrackingUri)} (from {UriSource}), experiment '{ExperimentName}' (from {ExperimentSource}), auth {AuthScheme}{(InsecureTls ? ", TLS not verified" : string.Empty)}";

    private static string? NonBlank(string? value) => string.IsNullOrWhiteSpace(value) ? null : value.Trim();

    private static bool IsHttp(string raw, out Uri uri)
    {
        if (Uri.TryCreate(raw, UriKind.Absolute, out var parsed)
            && (parsed.Scheme == Uri.UriSchemeHttp || parsed.Scheme == Uri.UriSchemeHttps))
        {
            uri = parsed;
            return true;
        }

        uri = null!;
        return false;
    }

    private static TrackingCredentials? CredentialsFrom(string? token, string? user, string? password, Uri uri)
    {
        if (token is not null)
        {
            return TrackingCredentials.Bearer(token);
        }

        if (user is not null && password is not null)
        {
            return TrackingCredentials.Basic(user, password);
        }

        if (!string.IsNullOrEmpty(uri.UserInfo))
        {
            var parts = uri.UserInfo.Split(':', 2);
            return TrackingCredentials.Basic(Uri.UnescapeDataString(parts[0]), parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : string.Empty);
        }

        return null;
    }

    private static string FileStorePath(string raw, string baseDirectory, string source)
    {
        string path;
        if (raw.StartsWith("file:", StringComparison.OrdinalIgnoreCase))
        {
            path = raw.StartsWith("file://", StringComparison.OrdinalIgnoreCase)
                ? Uri.UnescapeDataString(new Uri(raw).LocalPath)
                : Uri.UnescapeDataString(raw["file:".Length..]);
        }
        else if (raw.Contains("://", StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"Tracking URI '{UriRedaction.Redact(raw)}' (from {source}) has an unsupported scheme; use http://, https://, file: or a folder path.",
                nameof(raw));
        }
        else
        {
            path = raw;
        }

        return Path.GetFullPath(path, baseDirectory);
    }
}
