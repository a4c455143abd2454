using Pipeline.Tracking.Spool;
using Pipeline.Tracking.Tests.Fakes;

namespace Pipeline.Tracking.Tests.Rest;

/// <summary>Dataset inputs go to runs/log-inputs with MLflow's context tag, online and through the spool.</summary>
public class DatasetInputTests
{
    private static readonly TrackedDataset Dataset = new(
        "download.dataset", new string('a', 64), "{\"uri\": \"/data/x\"}", "{\"artifact_type\": \"dataset\"}", "training");

    [Fact]
    public async Task Dataset_inputs_are_logged_with_the_digest_cut_to_mlflows_limit_and_the_context_tag()
    {
        using var server = new FakeMlflowServer();
        await using var tracker = TestTrackers.Rest(server, null);
        await using var run = await tracker.StartRunAsync("pretrain", null, new Dictionary<string, string>(), CancellationToken.None);

        await run.LogInputsAsync([Dataset], CancellationToken.None);

        Assert.Equal(("download.dataset", new string('a', 36), "local", "training"), Assert.Single(server.Runs[run.RunId].Inputs));
    }

    [Fact]
    public async Task Dataset_inputs_of_an_offline_run_are_spooled_and_replayed()
    {
        using var server = new FakeMlflowServer();
        using var temp = new TempFolder();
        server.Stop();
        await using (var tracker = TestTrackers.Rest(server, temp.Path))
        {
            var run = await tracker.StartRunAsync("pretrain", null, new Dictionary<string, string>(), CancellationToken.None);
            await run.LogInputsAsync([Dataset with { Context = "evaluation" }], CancellationToken.None);
            await run.EndAsync(RunStatus.Finished, CancellationToken.None);
        }

        server.Start();
        var result = await new SpoolReplayer(TestTrackers.Settings(server.Uri), TestTrackers.FastRetry, new CapturingLoggerFactory()).ReplayAsync(temp.Path, CancellationToken.None);

        Assert.True(result.Completed);
        Assert.Equal(0, result.Failed);
        Assert.Equal("evaluation", Assert.Single(server.SingleRun("pretrain").Inputs).Context);
    }
}
