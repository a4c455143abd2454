namespace Pipeline.Stages.LinearEval.Tests.Support;

/// <summary>One stage run with every variant (pretrained, random baseline, pixels), shared by the assertions about its outputs.</summary>
public sealed class FullRunFixture : IAsyncLifetime
{
    public static LinearEvalParams Params { get; } = new() { Epochs = 30, BatchSize = 64, Baseline = true, PixelBaseline = true, KnnK = 20 };

    public EvalInputs Inputs { get; } = new();

    public StageRun Run { get; private set; } = null!;

    public async Task InitializeAsync() => Run = await StageRun.ExecuteAsync(Inputs, Params);

    public Task DisposeAsync()
    {
        Run?.Dispose();
        Inputs.Dispose();
        return Task.CompletedTask;
    }
}
