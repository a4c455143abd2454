using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging;
using Pipeline.Ml.Augment;
using Pipeline.Ml.Optim;
using Pipeline.Ml.Training;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Pretrain.Checkpoints;
using Pipeline.Stages.Pretrain.Data;
using Pipeline.Stages.Pretrain.History;
using Pipeline.Stages.Pretrain.Runtime;
using static TorchSharp.torch;

namespace Pipeline.Stages.Pretrain.Training;

/// <summary>
/// The SimCLR epoch loop (Chen et al. 2020, algorithm 1). Per step, inside one dispose scope: the prefetched uint8
/// batch, two augmented views from the epoch's generator, both through the model, NT-Xent, backward, update.
/// Epoch k visits a permutation seeded by (seed, k) and augments with a generator seeded by (seed, k), so a
/// resumed run repeats exactly the computation of one that never stopped. Checkpoints every
/// <c>checkpoint_every</c> epochs and after the last; on cancellation it saves the position after the last
/// completed step (with the generator's state) and throws <see cref="StageCancelledException"/>.
/// </summary>
internal sealed class PretrainLoop
{
    private readonly StageContext context;
    private readonly SimClrPretrainParams parameters;
    private readonly TrainingComponents components;
    private readonly PretrainImageSource images;
    private readonly SimClrTransform transform;
    private readonly Device device;
    private readonly string checkpointPath;
    private readonly string paramsJson;

    public PretrainLoop(
        StageContext context,
        SimClrPretrainParams parameters,
        TrainingComponents components,
        PretrainImageSource images,
        SimClrTransform transform,
        Device device,
        string checkpointPath,
        string paramsJson)
    {
        this.context = context;
        this.parameters = parameters;
        this.components = components;
        this.images = images;
        this.transform = transform;
        this.device = device;
        this.checkpointPath = checkpointPath;
        this.paramsJson = paramsJson;
        StepsPerEpoch = EpochOrder.StepsPerEpoch(images.Count, parameters.BatchSize);
    }

    /// <summary>Full batches per epoch.</summary>
    public int StepsPerEpoch { get; }

    /// <summary>Trains from <paramref name="progress"/> to the last epoch and returns the final progress.</summary>
    public TrainingProgress Run(TrainingProgress progress, CancellationToken cancellationToken)
    {
        var step = new SimClrTrainingStep(components.Model, components.Loss, components.Optimizer);
        var history = new List<HistoryRow>(progress.History);
        var epochRates = new List<double>(progress.EpochImagesPerSecond);
        components.Model.train();
        using var prefetcher = new BatchPrefetcher(images, parameters.BatchSize);
        while (progress.Epoch < parameters.Epochs)
        {
            var epoch = progress.Epoch;
            // The draws come from the generator's device, so it lives where the views are made.
            using var generator = new Generator(EpochOrder.AugmentSeed(context.Seed, epoch), device);
            if (progress.AugmentRngState is { } saved)
            {
                using var state = tensor(saved, ScalarType.Byte);
                generator.set_state(state);
            }
            prefetcher.Start(EpochOrder.Permutation(context.Seed, epoch, images.Count), progress.StepInEpoch, StepsPerEpoch);
            var position = progress;
            for (var s = progress.StepInEpoch; s < StepsPerEpoch; s++)
            {
                if (cancellationToken.IsCancellationRequested)
                {
                    position = position with { History = history.ToArray(), EpochImagesPerSecond = epochRates.ToArray(), AugmentRngState = StateOf(generator) };
                    Save(position);
                    throw new StageCancelledException(
                        $"simclr-pretrain was cancelled in epoch {epoch + 1}/{parameters.Epochs} after step {s}/{StepsPerEpoch}; the checkpoint resumes from there");
                }
                var clock = Stopwatch.StartNew();
                var lr = components.Schedule.At(position.GlobalStep);
                OptimizerFactory.SetLearningRate(components.Optimizer, lr);
                // A stop inside the step gives it up before the update: the position saved is the one before it,
                // with the generator as it was, so the resumed run draws the same views (bit-identical).
                var generatorAtStart = StateOf(generator);
                double loss;
                try
                {
                    using (NewDisposeScope())
                    {
                        var pixels = prefetcher.Next();
                        var input = device.type == TorchSharp.DeviceType.CPU ? pixels : pixels.to(device);
                        var view0 = transform.Forward(input, generator);
                        cancellationToken.ThrowIfCancellationRequested();
                        var view1 = transform.Forward(input, generator);
                        loss = step.Run(view0, view1, cancellationToken);
                    }
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    position = position with { History = history.ToArray(), EpochImagesPerSecond = epochRates.ToArray(), AugmentRngState = generatorAtStart };
                    Save(position);
                    throw new StageCancelledException(
                        $"simclr-pretrain was cancelled in epoch {epoch + 1}/{parameters.Epochs} during step {s + 1}/{StepsPerEpoch}; the checkpoint resumes from that step");
                }
                var seconds = clock.Elapsed.TotalSeconds;
                WarnIfStepsOutlastTheGrace(seconds);
                position = position with
                {
                    StepInEpoch = s + 1,
                    GlobalStep = position.GlobalStep + 1,
                    EpochLossSum = position.EpochLossSum + loss,
                    EpochSeconds = position.EpochSeconds + seconds,
                };
                var rate = parameters.BatchSize / seconds;
                history.Add(new HistoryRow(position.GlobalStep, epoch + 1, loss, lr, rate));
                ReportStep(epoch, s + 1, position.GlobalStep, loss, lr, rate);
            }

            var epochLoss = position.EpochLossSum / StepsPerEpoch;
            var epochRate = (double)StepsPerEpoch * parameters.BatchSize / position.EpochSeconds;
            epochRates.Add(epochRate);
            progress = new TrainingProgress
            {
                Epoch = epoch + 1,
                GlobalStep = position.GlobalStep,
                History = history.ToArray(),
                EpochImagesPerSecond = epochRates.ToArray(),
            };
            ReportEpoch(epoch, epochLoss, epochRate, position.EpochSeconds);
            if ((epoch + 1) % parameters.CheckpointEvery == 0 || epoch + 1 == parameters.Epochs)
            {
                Save(progress);
            }
        }
        return progress;
    }

    private int _stepsTimed;
    private bool _graceChecked;

    // Under Slurm a stopping job is killed KillWait seconds after its final SIGTERM: say so once when a step is longer.
    private void WarnIfStepsOutlastTheGrace(double stepSeconds)
    {
        // The first steps warm up (allocations, kernels); the third is a fair reading.
        if (_graceChecked || context.StopGrace is not { } grace || ++_stepsTimed < 3)
        {
            return;
        }

        _graceChecked = true;
        if (stepSeconds > grace.TotalSeconds)
        {
            context.Logger.LogWarning(
                "a step takes {Step:F1} s and the cluster kills a stopping job {Grace:F0} s after its SIGTERM (Slurm's KillWait): a stop lands between phases of a step (augmenting, forward, backward), and if even that is too slow the run resumes from its last epoch checkpoint (checkpoint_every); raise KillWait or lower batch_size to keep the position",
                stepSeconds, grace.TotalSeconds);
        }
    }

    private static byte[] StateOf(Generator generator)
    {
        using var state = generator.get_state();
        return state.bytes.ToArray();
    }

    private void Save(TrainingProgress progress)
    {
        CheckpointFile.Save(checkpointPath, components.Model, components.Optimizer, progress, paramsJson);
        CheckpointProgress.Write(Path.GetDirectoryName(checkpointPath)!, progress.Epoch + 1, progress.GlobalStep);
    }

    private void ReportStep(int epoch, int stepInEpoch, long globalStep, double loss, double lr, double rate)
    {
        if (globalStep % parameters.LogEveryNSteps == 0)
        {
            context.Reporter.LogMetric("train_loss_step", loss, globalStep);
            context.Reporter.LogMetric("lr", lr, globalStep);
            context.Reporter.LogMetric("images_per_second_step", rate, globalStep);
        }
        context.Reporter.Progress(new ProgressUpdate(
            $"epoch {epoch + 1}/{parameters.Epochs}",
            stepInEpoch,
            StepsPerEpoch,
            "steps",
            string.Create(CultureInfo.InvariantCulture, $"loss {loss:F4}, {rate:F1} img/s")));
    }

    private void ReportEpoch(int epoch, double loss, double rate, double seconds)
    {
        // libtorch returns a step's buffers to glibc, which keeps them in per-thread arenas; trimming here makes
        // rss_mb show live memory rather than the allocator's high-water mark.
        ProcessMemory.Trim();
        var rss = ProcessMemory.ResidentMegabytes();
        var number = epoch + 1;
        context.Reporter.LogMetric("train_loss_epoch", loss, number);
        context.Reporter.LogMetric("images_per_second", rate, number);
        context.Reporter.LogMetric("epoch_seconds", seconds, number);
        context.Reporter.LogMetric("rss_mb", rss, number);
        context.Logger.LogInformation(
            "epoch {Epoch}/{Epochs}: loss {Loss:F4}, {Rate:F1} images/s, {Seconds:F1} s, RSS {Rss:F0} MiB",
            number, parameters.Epochs, loss, rate, seconds, rss);
    }
}
