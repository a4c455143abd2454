using System.Text;
using Pipeline.Tracking.Rest;
using Pipeline.Tracking.Settings;
using Pipeline.Tracking.Spool;
using Pipeline.Tracking.Tests.Fakes;

namespace Pipeline.Tracking.Tests.Security;

public class SecretLeakTests
{
    private const string Token = "tok-PLANTED-7f3a9c";
    private const string Password = "pw-PLANTED-91be";

    [Fact]
    public async Task Planted_token_never_appears_in_logs_spool_or_exception_messages()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        var logs = new CapturingLoggerFactory();
        var settings = TrackingSettings.Resolve(
            new TrackingSources("pipe", CommandLineUri: server.Uri),
            new Dictionary<string, string> { [TrackingEnvironment.Token] = Token });
        var messages = new List<string> { settings.ToString() };

        await using (var tracker = TestTrackers.Rest(settings, temp.Path, logs))
        {
            messages.Add(tracker.Description);
            var run = await tracker.StartRunAsync("r", null, new Dictionary<string, string>(), CancellationToken.None);
            run.LogMetric("m", 1, 0);
            await run.FlushAsync(CancellationToken.None);
            server.Stop();
            run.LogMetric("m", 2, 1);
            await run.LogArtifactAsync(WriteFile(temp), null, CancellationToken.None);
            await run.EndAsync(RunStatus.Failed, CancellationToken.None);
            messages.Add((await Assert.ThrowsAsync<MlflowUnavailableException>(() => tracker.FindRunsAsync("k", "v", CancellationToken.None))).ToString());
        }

        server.Start();
        server.DenyCreateExperiment = true;
        await using (var denied = TestTrackers.Rest(
            TrackingSettings.Resolve(new TrackingSources("pipe", CommandLineUri: server.Uri, PipelineExperiment: "new"), new Dictionary<string, string> { [TrackingEnvironment.Token] = Token }),
            temp.Path,
            logs))
        {
            // A 403 spools (nothing is lost); the warning names the variables to set, never their values.
            Assert.Null(await denied.GetOrCreateExperimentAsync(CancellationToken.None));
            Assert.True(denied.IsOffline);
        }

        server.DenyCreateExperiment = false;
        var replay = await new SpoolReplayer(settings, TestTrackers.FastRetry, logs).ReplayAsync(temp.Path, CancellationToken.None);
        Assert.True(replay.Completed);

        Assert.Contains("Bearer " + Token, server.AuthorizationHeaders);
        Assert.True(File.Exists(Pipeline.Tracking.Spool.SpoolPaths.Events(temp.Path)));
        AssertNoSecret(Token, messages, logs, temp.Path);
    }

    [Fact]
    public async Task Planted_password_in_uri_user_info_never_appears()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        var logs = new CapturingLoggerFactory();
        var settings = TrackingSettings.Resolve(
            new TrackingSources("pipe", CommandLineUri: server.Uri.Replace("http://", "http://alice:" + Password + "@", StringComparison.Ordinal)),
            new Dictionary<string, string>());
        var messages = new List<string> { settings.ToString() };
        server.Stop();

        await using (var tracker = TestTrackers.Rest(settings, temp.Path, logs))
        {
            var run = await tracker.StartRunAsync("r", null, new Dictionary<string, string>(), CancellationToken.None);
            run.LogParam("p", "v");
            await run.EndAsync(RunStatus.Finished, CancellationToken.None);
            messages.Add((await Assert.ThrowsAsync<MlflowUnavailableException>(() => tracker.FindRunsAsync("k", "v", CancellationToken.None))).ToString());
        }

        server.Start();
        Assert.True((await new SpoolReplayer(settings, TestTrackers.FastRetry, logs).ReplayAsync(temp.Path, CancellationToken.None)).Completed);

        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("alice:" + Password));
        Assert.Contains("Basic " + basic, server.AuthorizationHeaders);
        AssertNoSecret(Password, messages, logs, temp.Path);
        AssertNoSecret(basic, messages, logs, temp.Path);
    }

    private static string WriteFile(TempFolder temp)
    {
        var path = temp.Sub("artifact.txt");
        File.WriteAllText(path, "data");
        return path;
    }

    private static void AssertNoSecret(string secret, List<string> messages, CapturingLoggerFactory logs, string folder)
    {
        Assert.NotEmpty(logs.Lines);
        Assert.DoesNotContain(secret, logs.AllText, StringComparison.Ordinal);
        Assert.All(messages, m => Assert.DoesNotContain(secret, m, StringComparison.Ordinal));
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories))
        {
            Assert.DoesNotContain(secret, File.ReadAllText(file), StringComparison.Ordinal);
        }
    }
}
