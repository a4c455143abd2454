using Pipeline.Tracking.Settings;

namespace Pipeline.Tracking.Tests.Settings;

public class TrackingSettingsTests
{
    private static readonly TrackingSources Yaml = new("pipe", PipelineTrackingUri: "http://yaml:5000", PipelineExperiment: "yaml-exp", BaseDirectory: "/work/base");

    [Fact]
    public void Command_line_uri_wins_over_environment_and_pipeline()
    {
        var settings = TrackingSettings.Resolve(Yaml with { CommandLineUri = "http://cli:5000" }, new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "http://env:5000" });
        Assert.Equal("http://cli:5000", settings.TrackingUri);
        Assert.Equal("--tracking-uri", settings.UriSource);
    }

    [Fact]
    public void Environment_uri_wins_over_pipeline()
    {
        var settings = TrackingSettings.Resolve(Yaml, new Dictionary<string, string> { ["MLFLOW_TRACKING_URI"] = "https://env:5000/" });
        Assert.Equal("https://env:5000", settings.TrackingUri);
        Assert.Equal(TrackingBackend.Rest, settings.Backend);
    }

    [Fact]
    public void Pipeline_uri_is_used_when_nothing_overrides_it()
    {
        Assert.Equal("http://yaml:5000", TrackingSettings.Resolve(Yaml, new Dictionary<string, string>()).TrackingUri);
    }

    [Fact]
    public void Default_is_the_local_mlruns_folder_under_the_base_directory()
    {
        var settings = TrackingSettings.Resolve(new TrackingSources("pipe", BaseDirectory: "/work/base"), new Dictionary<string, string>());
        Assert.Equal(TrackingBackend.FileStore, settings.Backend);
        Assert.Equal("/work/base/mlruns", settings.TrackingUri);
        Assert.Equal("pipe", settings.ExperimentName);
    }

    [Theory]
    [InlineData("file:///data/store", "/data/store")]
    [InlineData("file:./store", "/work/base/store")]
    [InlineData("relative/store", "/work/base/relative/store")]
    public void File_uris_and_paths_resolve_to_absolute_folders(string uri, string expected)
    {
        var settings = TrackingSettings.Resolve(new TrackingSources("pipe", CommandLineUri: uri, BaseDirectory: "/work/base"), new Dictionary<string, string>());
        Assert.Equal(expected, settings.TrackingUri);
    }

    [Fact]
    public void Unsupported_scheme_is_rejected_without_showing_credentials()
    {
        var ex = Assert.Throws<ArgumentException>(() =>
            TrackingSettings.Resolve(new TrackingSources("pipe", CommandLineUri: "databricks://user:s3cret@host"), new Dictionary<string, string>()));
        Assert.DoesNotContain("s3cret", ex.Message, StringComparison.Ordinal);
        Assert.Contains("unsupported scheme", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Experiment_comes_from_environment_then_pipeline_experiment_then_pipeline_name()
    {
        Assert.Equal("env-exp", TrackingSettings.Resolve(Yaml, new Dictionary<string, string> { ["MLFLOW_EXPERIMENT_NAME"] = "env-exp" }).ExperimentName);
        Assert.Equal("yaml-exp", TrackingSettings.Resolve(Yaml, new Dictionary<string, string>()).ExperimentName);
        Assert.Equal("pipe", TrackingSettings.Resolve(Yaml with { PipelineExperiment = null }, new Dictionary<string, string>()).ExperimentName);
    }

    [Fact]
    public void Token_gives_bearer_and_user_password_give_basic()
    {
        var bearer = TrackingSettings.Resolve(Yaml, new Dictionary<string, string> { ["MLFLOW_TRACKING_TOKEN"] = "t0k", ["MLFLOW_TRACKING_USERNAME"] = "u", ["MLFLOW_TRACKING_PASSWORD"] = "p" });
        Assert.Equal("Bearer", bearer.AuthScheme);
        Assert.Equal("t0k", bearer.Credentials!.ToHeader().Parameter);

        var basic = TrackingSettings.Resolve(Yaml, new Dictionary<string, string> { ["MLFLOW_TRACKING_USERNAME"] = "u", ["MLFLOW_TRACKING_PASSWORD"] = "p" });
        Assert.Equal("Basic", basic.AuthScheme);
        Assert.Equal(Convert.ToBase64String("u:p"u8.ToArray()), basic.Credentials!.ToHeader().Parameter);
        Assert.Equal("none", TrackingSettings.Resolve(Yaml, new Dictionary<string, string>()).AuthScheme);
    }

    [Fact]
    public void User_info_in_the_uri_becomes_basic_auth_and_is_stripped_from_the_uri()
    {
        var settings = TrackingSettings.Resolve(Yaml with { CommandLineUri = "https://alice:pa%40ss@host:5000" }, new Dictionary<string, string>());
        Assert.Equal("https://host:5000", settings.TrackingUri);
        Assert.Equal(Convert.ToBase64String("alice:pa@ss"u8.ToArray()), settings.Credentials!.ToHeader().Parameter);
        Assert.DoesNotContain("alice", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pa@ss", settings.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("pa%40ss", settings.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Tls_is_verified_unless_insecure_flag_is_true()
    {
        Assert.False(TrackingSettings.Resolve(Yaml, new Dictionary<string, string>()).InsecureTls);
        Assert.False(TrackingSettings.Resolve(Yaml, new Dictionary<string, string> { ["MLFLOW_TRACKING_INSECURE_TLS"] = "false" }).InsecureTls);
        Assert.True(TrackingSettings.Resolve(Yaml, new Dictionary<string, string> { ["MLFLOW_TRACKING_INSECURE_TLS"] = "TRUE" }).InsecureTls);
    }

    [Fact]
    public void ToString_shows_scheme_but_never_token_or_password()
    {
        var settings = TrackingSettings.Resolve(
            Yaml with { CommandLineUri = "https://bob:hunter2@host" },
            new Dictionary<string, string> { ["MLFLOW_TRACKING_TOKEN"] = "tok-xyz-987" });
        var text = settings.ToString() + settings.Credentials;
        Assert.Contains("Bearer", text, StringComparison.Ordinal);
        Assert.DoesNotContain("tok-xyz-987", text, StringComparison.Ordinal);
        Assert.DoesNotContain("hunter2", text, StringComparison.Ordinal);
        Assert.DoesNotContain("bob", text, StringComparison.Ordinal);
    }
}
