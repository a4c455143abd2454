namespace Pipeline.Stages.Tsne.Tests.Support;

/// <summary>One default (3-D) run of the stage on 4 classes x 50 points x 32 features, shared by the tests that only read its outputs.</summary>
public sealed class ThreeDRunFixture : IAsyncLifetime
{
    public TsneHarness Harness { get; } = new();

    public async Task InitializeAsync()
    {
        await Harness.WriteInputAsync();
        await Harness.RunAsync(new TsneParams());
    }

    public Task DisposeAsync()
    {
        Harness.Dispose();
        return Task.CompletedTask;
    }
}
