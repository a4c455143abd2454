using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Pretrain.Tests.Support;

namespace Pipeline.Stages.Pretrain.Tests;

[Collection(ReferenceRunCollection.Name)]
public sealed class StageFailureTests(ReferenceRun reference)
{
    [Fact]
    public async Task Cuda_without_a_gpu_fails_with_an_explanation()
    {
        using var run = new PretrainRun(reference.Dataset.Path);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => run.RunAsync(PretrainRun.SmallParams with { Device = TrainingDevice.Cuda }));

        Assert.Contains("device: 'cuda' was asked for", error.Message);
    }

    [Fact]
    public async Task Fewer_images_than_a_batch_fails_before_training()
    {
        using var run = new PretrainRun(reference.Dataset.Path);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => run.RunAsync(PretrainRun.SmallParams with { Split = "train", BatchSize = 32 }));

        Assert.Contains("fewer than batch_size 32", error.Message);
    }

    [Fact]
    public async Task A_damaged_checkpoint_fails_with_what_to_do()
    {
        using var run = new PretrainRun(reference.Dataset.Path);
        Directory.CreateDirectory(run.CheckpointDirectory);
        await File.WriteAllBytesAsync(SimClrPretrainStage.CheckpointPathIn(run.CheckpointDirectory), [7, 7, 7]);

        var error = await Assert.ThrowsAsync<StageFailedException>(() => run.RunAsync(PretrainRun.SmallParams));

        Assert.Contains("delete it", error.Message);
    }
}
