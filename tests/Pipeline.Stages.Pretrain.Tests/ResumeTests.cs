using Pipeline.Ml.Backbones;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Pretrain.History;
using Pipeline.Stages.Pretrain.Tests.Support;

namespace Pipeline.Stages.Pretrain.Tests;

/// <summary>An interrupted run, resumed, ends with exactly the weights of the run that was never interrupted.</summary>
[Collection(ReferenceRunCollection.Name)]
public sealed class ResumeTests(ReferenceRun reference)
{
    [Fact]
    public async Task Cancelled_after_the_first_epoch_then_resumed_gives_bit_identical_encoder()
    {
        using var run = new PretrainRun(reference.Dataset.Path);
        using var cts = new CancellationTokenSource();

        await Assert.ThrowsAsync<StageCancelledException>(() => run.RunAsync(PretrainRun.SmallParams,
            onMetric: (key, _, step) => { if (key == "train_loss_epoch" && step == 1) { cts.Cancel(); } },
            cancellationToken: cts.Token));
        Assert.True(File.Exists(SimClrPretrainStage.CheckpointPathIn(run.CheckpointDirectory)));
        Assert.False(Directory.Exists(run.Output(SimClrPretrainStage.EncoderOutput)));

        await run.RunAsync(PretrainRun.SmallParams);

        Assert.Equal("4", run.Reporter.Params["resumed_from_step"]);
        Assert.Equal(3, run.Reporter.Metric("train_loss_epoch").Count);
        await AssertSameAsReferenceAsync(run);
        AssertEveryPointOnceAsInTheReference(run);
    }

    [Fact]
    public async Task Cancelled_in_the_middle_of_an_epoch_then_resumed_gives_bit_identical_encoder()
    {
        using var run = new PretrainRun(reference.Dataset.Path);
        using var cts = new CancellationTokenSource();

        // Step 6 is the second step of epoch 2: the checkpoint holds a position inside the epoch and the generator's state.
        await Assert.ThrowsAsync<StageCancelledException>(() => run.RunAsync(PretrainRun.SmallParams,
            onMetric: (key, _, step) => { if (key == "train_loss_step" && step == 6) { cts.Cancel(); } },
            cancellationToken: cts.Token));

        await run.RunAsync(PretrainRun.SmallParams);

        Assert.Equal("6", run.Reporter.Params["resumed_from_step"]);
        await AssertSameAsReferenceAsync(run);
        AssertEveryPointOnceAsInTheReference(run);
    }

    [Fact]
    public async Task Cancelled_inside_a_step_gives_the_step_up_and_resumes_bit_identical()
    {
        // A stop must not wait for a whole step (Slurm kills KillWait seconds after its SIGTERM): the cancel lands
        // between phases of step 7 and the checkpoint holds the position before it. The cancel comes from a timer
        // half a step after step 6 ends; a timer can miss the step (land on the boundary), so try a few times.
        for (var attempt = 1; ; attempt++)
        {
            using var run = new PretrainRun(reference.Dataset.Path);
            using var cts = new CancellationTokenSource();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var lastStepEnd = TimeSpan.Zero;
            var stepTime = TimeSpan.Zero;
            var error = await Assert.ThrowsAsync<StageCancelledException>(() => run.RunAsync(PretrainRun.SmallParams,
                onMetric: (key, _, step) =>
                {
                    if (key != "train_loss_step")
                    {
                        return;
                    }

                    stepTime = clock.Elapsed - lastStepEnd;
                    lastStepEnd = clock.Elapsed;
                    if (step == 6)
                    {
                        cts.CancelAfter(stepTime / 2);
                    }
                },
                cancellationToken: cts.Token));
            if (!error.Message.Contains("during step 3/", StringComparison.Ordinal))
            {
                Assert.True(attempt < 5, $"5 timed cancels all landed on a step boundary; last: {error.Message}");
                continue;
            }

            Assert.Equal("epoch 2, step 6", CheckpointProgress.Describe(run.CheckpointDirectory));
            await run.RunAsync(PretrainRun.SmallParams);

            Assert.Equal("6", run.Reporter.Params["resumed_from_step"]);
            await AssertSameAsReferenceAsync(run);
            AssertEveryPointOnceAsInTheReference(run);
            return;
        }
    }

    [Fact]
    public async Task Resumed_with_other_operational_params_every_output_file_is_byte_identical()
    {
        using var run = new PretrainRun(reference.Dataset.Path);
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAsync<StageCancelledException>(() => run.RunAsync(PretrainRun.SmallParams,
            onMetric: (key, _, step) => { if (key == "train_loss_step" && step == 6) { cts.Cancel(); } },
            cancellationToken: cts.Token));
        Assert.Equal("epoch 2, step 6", CheckpointProgress.Describe(run.CheckpointDirectory));

        // log_every_n_steps and checkpoint_every are operational: out of the key, so the same checkpoint resumes.
        await run.RunAsync(PretrainRun.SmallParams with { LogEveryNSteps = 3, CheckpointEvery = 2 });

        foreach (var output in new[] { SimClrPretrainStage.EncoderOutput, SimClrPretrainStage.CheckpointOutput, SimClrPretrainStage.HistoryOutput })
        {
            var expectedFolder = reference.Run.Output(output);
            var files = Directory.EnumerateFiles(expectedFolder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList();
            Assert.Equal(files, Directory.EnumerateFiles(run.Output(output)).Select(Path.GetFileName).Order(StringComparer.Ordinal));
            foreach (var file in files)
            {
                var expected = await File.ReadAllBytesAsync(Path.Combine(expectedFolder, file!));
                var actual = await File.ReadAllBytesAsync(Path.Combine(run.Output(output), file!));
                Assert.True(expected.AsSpan().SequenceEqual(actual), $"{output}/{file} differs from the uninterrupted run's");
            }
        }
    }

    [Fact]
    public async Task A_leftover_temporary_checkpoint_from_a_killed_write_is_ignored()
    {
        using var run = new PretrainRun(reference.Dataset.Path);
        using var cts = new CancellationTokenSource();
        await Assert.ThrowsAsync<StageCancelledException>(() => run.RunAsync(PretrainRun.SmallParams with { Epochs = 3 },
            onMetric: (key, _, step) => { if (key == "train_loss_epoch" && step == 2) { cts.Cancel(); } },
            cancellationToken: cts.Token));
        var leftover = AtomicFile.TempPathFor(SimClrPretrainStage.CheckpointPathIn(run.CheckpointDirectory));
        await File.WriteAllBytesAsync(leftover, [1, 2, 3]);

        await run.RunAsync(PretrainRun.SmallParams);

        Assert.False(File.Exists(leftover));
        await AssertSameAsReferenceAsync(run);
    }

    /// <summary>
    /// The resumed run reports what it restored and what it trained, each point once: the same steps as the run
    /// that was never interrupted, with the same losses (training is bit-identical; rates and times are not).
    /// </summary>
    private void AssertEveryPointOnceAsInTheReference(PretrainRun run)
    {
        foreach (var key in new[] { "train_loss_step", "lr", "train_loss_epoch", "images_per_second" })
        {
            var expected = reference.Run.Reporter.Metric(key);
            var actual = run.Reporter.Metric(key);
            Assert.Equal(expected.Select(p => p.Step), actual.Select(p => p.Step));
            if (key != "images_per_second")
            {
                Assert.Equal(expected.Select(p => p.Value), actual.Select(p => p.Value));
            }
        }
    }

    private async Task AssertSameAsReferenceAsync(PretrainRun run)
    {
        var expected = await File.ReadAllBytesAsync(Path.Combine(reference.Run.Output(SimClrPretrainStage.EncoderOutput), EncoderArtifact.WeightsFile));
        var actual = await File.ReadAllBytesAsync(Path.Combine(run.Output(SimClrPretrainStage.EncoderOutput), EncoderArtifact.WeightsFile));
        Assert.True(expected.AsSpan().SequenceEqual(actual), "encoder.dat differs from the uninterrupted run's");

        var expectedLoss = (await HistoryTable.ReadAsync(Path.Combine(reference.Run.Output(SimClrPretrainStage.HistoryOutput), HistoryTable.FileName))).Select(r => (r.Step, r.Epoch, r.Loss, r.Lr));
        var actualLoss = (await HistoryTable.ReadAsync(Path.Combine(run.Output(SimClrPretrainStage.HistoryOutput), HistoryTable.FileName))).Select(r => (r.Step, r.Epoch, r.Loss, r.Lr));
        Assert.Equal(expectedLoss, actualLoss);
    }
}
