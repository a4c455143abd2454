using System.Text.Json;
using Microsoft.Extensions.Logging;
using Pipeline.Ml.Augment;
using Pipeline.Ml.Backbones;
using Pipeline.Ml.Native;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Pretrain.Checkpoints;
using Pipeline.Stages.Pretrain.Data;
using Pipeline.Stages.Pretrain.History;
using Pipeline.Stages.Pretrain.Runtime;
using Pipeline.Stages.Pretrain.Training;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Stages.Pretrain;

/// <summary>
/// <c>simclr-pretrain</c>: SimCLR (Chen et al. 2020) pre-training of a ResNet-18 on a dataset's unlabeled images.
/// Writes the backbone as an <c>encoder</c>, the final resumable <c>checkpoint</c>, and the per-step
/// <c>history</c> table. Resumes from its checkpoint directory after a crash, kill or Ctrl-C, with the same
/// final weights (bit for bit on CPU) as a run that was never interrupted.
/// </summary>
public sealed class SimClrPretrainStage : Stage<SimClrPretrainParams>
{
    /// <summary>The input: the dataset to read.</summary>
    public const string DatasetInput = "dataset";

    /// <summary>The encoder output.</summary>
    public const string EncoderOutput = "encoder";

    /// <summary>The checkpoint output.</summary>
    public const string CheckpointOutput = "checkpoint";

    /// <summary>The history output.</summary>
    public const string HistoryOutput = "history";

    /// <summary>The description written beside the checkpoint in the <c>checkpoint</c> output.</summary>
    public const string CheckpointInfoFile = "checkpoint.json";

    /// <inheritdoc />
    public override string TypeName => "simclr-pretrain";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "SimCLR pre-training of a ResNet-18 encoder (resumable)";

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Inputs { get; } =
        [new PortSpec(DatasetInput, ArtifactTypes.Dataset, "images in the STL-10 binary layout")];

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Outputs { get; } =
    [
        new PortSpec(EncoderOutput, ArtifactTypes.Encoder, "the pre-trained ResNet-18 backbone (encoder.dat + encoder.json)"),
        new PortSpec(CheckpointOutput, ArtifactTypes.Checkpoint, "final model, optimiser, progress and RNG state"),
        new PortSpec(HistoryOutput, ArtifactTypes.Table, "history.parquet: step, epoch, loss, lr (no timings, so the bytes repeat)"),
    ];

    /// <summary>Where the resumable checkpoint lives inside <paramref name="checkpointDirectory"/>.</summary>
    public static string CheckpointPathIn(string checkpointDirectory) => Path.Combine(checkpointDirectory, CheckpointFile.FileName);

    /// <inheritdoc />
    protected override async Task RunAsync(StageContext context, SimClrPretrainParams parameters, CancellationToken cancellationToken)
    {
        var errors = parameters.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new StageFailedException("invalid params: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Message}")));
        }
        var device = TorchDevices.Resolve(parameters.Device.ToString());
        TorchRuntime.Configure(context.Seed, parameters.Threads);
        context.Reporter.LogParam("torch_threads", torch.get_num_threads().ToString(System.Globalization.CultureInfo.InvariantCulture));

        using var images = OpenImages(context, parameters);
        var stepsPerEpoch = EpochOrder.StepsPerEpoch(images.Count, parameters.BatchSize);
        if (stepsPerEpoch == 0)
        {
            throw new StageFailedException($"split '{parameters.Split}' has {images.Count} images, fewer than batch_size {parameters.BatchSize}: no full batch to train on");
        }
        context.Reporter.LogParam("images", images.Count.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Reporter.LogParam("steps_per_epoch", stepsPerEpoch.ToString(System.Globalization.CultureInfo.InvariantCulture));

        var encoderInfo = DescribeEncoder(parameters, images.Shape.Channels);
        using var components = new TrainingComponents(parameters, images.Shape.Channels, stepsPerEpoch, device);
        using var transform = new SimClrTransform(parameters.ToAugmentOptions(), images.Shape.Channels, device);
        var checkpointPath = CheckpointPathIn(context.CheckpointDirectory);
        var progress = Resume(context, components, checkpointPath);
        RestoredMetrics.Report(context.Reporter, progress, parameters.LogEveryNSteps);
        var loop = new PretrainLoop(context, parameters, components, images, transform, device, checkpointPath,
            JsonSerializer.Serialize(parameters, ParamsJson.Options));
        progress = loop.Run(progress, cancellationToken);

        await WriteOutputsAsync(context, parameters, components, encoderInfo, progress, checkpointPath, cancellationToken).ConfigureAwait(false);
    }

    private static EncoderInfo DescribeEncoder(SimClrPretrainParams parameters, int channels)
    {
        if (parameters.Normalize && channels is not (1 or 3))
        {
            throw new StageFailedException($"normalize: the dataset has {channels} channels; ImageNet statistics exist for 1 or 3. Set normalize: false");
        }
        var (mean, std) = NormalizationStats.For(channels, parameters.Normalize);
        var backbone = parameters.ToBackboneOptions(channels);
        return new EncoderInfo
        {
            Architecture = EncoderInfo.ArchitectureFor(backbone),
            InputChannels = channels,
            SmallImageStem = parameters.SmallImageStem,
            Width = backbone.Width,
            BlocksPerStage = backbone.BlocksPerStage,
            MaxPool = backbone.MaxPool,
            FeatureDimension = backbone.FeatureDimension,
            InputSize = parameters.InputSize,
            NormalizeMean = mean,
            NormalizeStd = std,
        };
    }

    private static PretrainImageSource OpenImages(StageContext context, SimClrPretrainParams parameters)
    {
        try
        {
            return PretrainImageSource.Open(context.Input(DatasetInput), PretrainSplits.Parts(parameters.Split), parameters.MaxImages);
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException or InvalidDataException)
        {
            throw new StageFailedException($"input '{DatasetInput}': {ex.Message}", ex);
        }
    }

    private static TrainingProgress Resume(StageContext context, TrainingComponents components, string checkpointPath)
    {
        Directory.CreateDirectory(context.CheckpointDirectory);
        foreach (var leftover in Directory.EnumerateFiles(context.CheckpointDirectory, $".{CheckpointFile.FileName}.*.tmp"))
        {
            File.Delete(leftover); // a write interrupted by a crash; the previous checkpoint is intact
        }
        if (!File.Exists(checkpointPath))
        {
            return TrainingProgress.Start;
        }
        TrainingProgress progress;
        try
        {
            progress = CheckpointFile.Load(checkpointPath, components.Model, components.Optimizer);
        }
        catch (Exception ex) when (ex is InvalidDataException or ArgumentException or IOException)
        {
            throw new StageFailedException(
                $"the checkpoint {checkpointPath} cannot be resumed ({ex.Message}); delete it to train from the start", ex);
        }
        context.Logger.LogInformation(
            "resuming from {Path}: epoch {Epoch}, step {Step} of the epoch, global step {GlobalStep}",
            checkpointPath, progress.Epoch + 1, progress.StepInEpoch, progress.GlobalStep);
        context.Reporter.LogParam("resumed_from_step", progress.GlobalStep.ToString(System.Globalization.CultureInfo.InvariantCulture));
        return progress;
    }

    private static async Task WriteOutputsAsync(
        StageContext context, SimClrPretrainParams parameters, TrainingComponents components, EncoderInfo info,
        TrainingProgress progress, string checkpointPath, CancellationToken cancellationToken)
    {
        EncoderArtifact.Save(context.Output(EncoderOutput), components.Model.Backbone, info);

        var checkpointDirectory = context.Output(CheckpointOutput);
        // The same state as the resumable checkpoint, without wall-clock timings or operational params, so the
        // output is the same bytes every time this key runs (docs/caching.md).
        var checkpointCopy = Path.Combine(checkpointDirectory, CheckpointFile.FileName);
        CheckpointFile.Save(checkpointCopy, components.Model, components.Optimizer, progress.WithoutTimings(), ParamsJson.WithoutOperational(parameters));
        AtomicFile.WriteAllText(Path.Combine(checkpointDirectory, CheckpointInfoFile), CheckpointFile.ReadHeaderJson(checkpointCopy) + "\n");

        var historyPath = Path.Combine(context.Output(HistoryOutput), HistoryTable.FileName);
        await HistoryTable.WriteAsync(historyPath, progress.History, cancellationToken).ConfigureAwait(false);
        context.Reporter.LogArtifact(historyPath, HistoryOutput);

        var finalEpoch = progress.History.Where(r => r.Epoch == parameters.Epochs).Select(r => r.Loss).DefaultIfEmpty(double.NaN).Average();
        context.Reporter.LogSummary("train_loss_epoch", finalEpoch);
        if (progress.EpochImagesPerSecond.Count > 0)
        {
            context.Reporter.LogSummary("images_per_second", progress.EpochImagesPerSecond.Average());
        }
    }
}
