namespace Pipeline.Stages.Pretrain.Tests.Support;

/// <summary>The dataset and one uninterrupted run with <see cref="PretrainRun.SmallParams"/>, shared by the tests of a collection.</summary>
public sealed class ReferenceRun : IAsyncLifetime
{
    public SyntheticDataset Dataset { get; } = new();

    public PretrainRun Run { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Run = new PretrainRun(Dataset.Path);
        await Run.RunAsync(PretrainRun.SmallParams);
    }

    public Task DisposeAsync()
    {
        Run.Dispose();
        Dataset.Dispose();
        return Task.CompletedTask;
    }
}

[CollectionDefinition(Name)]
public sealed class ReferenceRunCollection : ICollectionFixture<ReferenceRun>
{
    public const string Name = "reference pretrain run";
}
