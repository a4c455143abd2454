using Microsoft.Extensions.Logging;
using Pipeline.Data.Stl10;
using Pipeline.Ml.Backbones;
using Pipeline.Ml.Eval;
using Pipeline.Ml.Native;
using Pipeline.Stages.Abstractions;
using TorchSharp;
using static TorchSharp.torch;

namespace Pipeline.Stages.LinearEval;

/// <summary>
/// <c>linear-eval</c>: the linear evaluation protocol on a frozen encoder. Features of the labelled train split
/// (stratified train/validation split from the seed) and the test split are computed under no_grad; one linear
/// layer is trained with cross-entropy, the epoch with the best validation accuracy is kept, and test top-1/top-5,
/// per-class accuracy and a weighted k-NN top-1 are reported. Optionally the same for ResNet-18 with random weights
/// (<c>baseline_</c>) and for raw pixels (<c>pixel_</c>), so the report shows what pre-training added.
/// </summary>
public sealed class LinearEvalStage : Stage<LinearEvalParams>
{
    /// <summary>The encoder input.</summary>
    public const string EncoderInput = "encoder";

    /// <summary>The dataset input.</summary>
    public const string DatasetInput = "dataset";

    /// <summary>The linear layer output.</summary>
    public const string ClassifierOutput = "classifier";

    /// <summary>The test predictions output.</summary>
    public const string PredictionsOutput = "predictions";

    /// <summary>The per-class metrics output.</summary>
    public const string MetricsOutput = "metrics";

    /// <summary>The plots output.</summary>
    public const string PlotsOutput = "plots";

    /// <summary>The confusion matrix of the pretrained encoder's probe.</summary>
    public const string ConfusionMatrixFile = "confusion_matrix.png";

    /// <summary>Validation accuracy per epoch of every probed model.</summary>
    public const string ValidationCurvesFile = "val_curves.png";

    /// <summary>Seeds the random-weight baseline encoder, so the baseline is the same network in every run.</summary>
    public const long BaselineEncoderSeed = 0;

    /// <inheritdoc />
    public override string TypeName => "linear-eval";

    /// <inheritdoc />
    public override int Version => 1;

    /// <inheritdoc />
    public override string Description => "Linear probe and weighted k-NN on frozen encoder features, with random-weight and pixel baselines";

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Inputs { get; } =
    [
        new PortSpec(EncoderInput, ArtifactTypes.Encoder, "the frozen encoder to evaluate"),
        new PortSpec(DatasetInput, ArtifactTypes.Dataset, "labelled train and test splits"),
    ];

    /// <inheritdoc />
    public override IReadOnlyList<PortSpec> Outputs { get; } =
    [
        new PortSpec(ClassifierOutput, ArtifactTypes.Classifier, "classifier.dat (linear layer) and classifier.json"),
        new PortSpec(PredictionsOutput, ArtifactTypes.Table, "predictions.parquet: one row per test image"),
        new PortSpec(MetricsOutput, ArtifactTypes.Table, "metrics.parquet (per model and class) and summary.json"),
        new PortSpec(PlotsOutput, ArtifactTypes.Images, "confusion_matrix.png and val_curves.png"),
    ];

    /// <inheritdoc />
    protected override async Task RunAsync(StageContext context, LinearEvalParams parameters, CancellationToken cancellationToken)
    {
        var errors = parameters.Validate().ToList();
        if (errors.Count > 0)
        {
            throw new StageFailedException("invalid params: " + string.Join("; ", errors.Select(e => $"{e.Key}: {e.Message}")));
        }
        TorchRuntime.Configure(context.Seed, parameters.Threads);
        var device = Pipeline.Ml.Native.TorchDevices.Resolve(parameters.Device);
        var (backbone, info) = EvalInputs.LoadEncoder(context.Input(EncoderInput));
        using var encoder = backbone;
        var dataset = EvalInputs.OpenDataset(context.Input(DatasetInput));
        using var trainReader = StageInputs.OpenLabelledSplit(dataset, Stl10Format.Train);
        using var testReader = StageInputs.OpenLabelledSplit(dataset, Stl10Format.Test);
        var classNames = dataset.Info.ClassNames;

        var (trainPositions, validationPositions) = StratifiedSplit.Split(trainReader.Labels, parameters.ValFraction, context.Seed);
        var data = new EvaluationData(
            new SplitImageSource(trainReader), ToLongs(trainReader.Labels), trainPositions, validationPositions,
            new SplitImageSource(testReader), ToLongs(testReader.Labels), classNames);
        var preprocessor = StageInputs.Preprocessor(info, dataset.Info.Channels);
        context.Reporter.LogParam("channel_adaptation", preprocessor.Adaptation.ToString().ToLowerInvariant());
        context.Reporter.LogParam("train_images", trainPositions.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Reporter.LogParam("val_images", validationPositions.Length.ToString(System.Globalization.CultureInfo.InvariantCulture));
        context.Logger.LogInformation("linear-eval: {Train} train, {Val} validation, {Test} test images; {Classes} classes; channels {Adaptation}; device {Device}",
            trainPositions.Length, validationPositions.Length, testReader.Count, classNames.Count, preprocessor.Adaptation, device);

        var evaluator = new ProbeEvaluator(parameters, context, device);
        var outcomes = new List<ProbeOutcome>();
        try
        {
            outcomes.Add(evaluator.Evaluate(ProbeVariant.Pretrained, new FrozenFeatureExtractor(encoder, preprocessor, device), data, cancellationToken));
            if (parameters.Baseline)
            {
                using var random = RandomBackbone(info, context.Seed);
                outcomes.Add(evaluator.Evaluate(ProbeVariant.RandomBaseline, new FrozenFeatureExtractor(random, preprocessor, device), data, cancellationToken));
            }
            if (parameters.PixelBaseline)
            {
                using var flatten = nn.Flatten();
                outcomes.Add(evaluator.Evaluate(ProbeVariant.Pixels, new FrozenFeatureExtractor(flatten, preprocessor, device), data, cancellationToken));
            }
            await WriteOutputsAsync(context, parameters, outcomes, data, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            foreach (var outcome in outcomes)
            {
                outcome.Dispose();
            }
        }
    }

    private static async Task WriteOutputsAsync(StageContext context, LinearEvalParams parameters, List<ProbeOutcome> outcomes, EvaluationData data, CancellationToken cancellationToken)
    {
        var main = outcomes[0];
        var classNames = data.ClassNames;
        var reporter = context.Reporter;

        var classifierDirectory = context.Output(ClassifierOutput);
        ClassifierArtifact.Save(classifierDirectory, main.Probe.Classifier, new ClassifierInfo
        {
            Classes = classNames,
            FeatureDimension = main.FeatureDimension,
            BestEpoch = main.Probe.BestEpoch,
            TestTop1 = main.TestTop1,
            Augment = parameters.Augment,
        });

        reporter.LogArtifact(Path.Combine(classifierDirectory, ClassifierArtifact.WeightsFile), ClassifierOutput);
        reporter.LogArtifact(Path.Combine(classifierDirectory, ClassifierArtifact.InfoFile), ClassifierOutput);

        var predictions = Path.Combine(context.Output(PredictionsOutput), PredictionsTable.FileName);
        await PredictionsTable.WriteAsync(predictions, data.TestLabels, main.Predictions, classNames, cancellationToken).ConfigureAwait(false);
        reporter.LogArtifact(predictions, PredictionsOutput);

        var metricsDirectory = context.Output(MetricsOutput);
        await MetricsTable.WriteAsync(metricsDirectory, outcomes, classNames, cancellationToken).ConfigureAwait(false);
        MetricsTable.WriteSummary(metricsDirectory, outcomes.SelectMany(o => o.SummaryMetrics(classNames)).ToDictionary());
        reporter.LogArtifact(Path.Combine(metricsDirectory, MetricsTable.FileName), MetricsOutput);
        reporter.LogArtifact(Path.Combine(metricsDirectory, MetricsTable.SummaryFileName), MetricsOutput);

        var plotsDirectory = context.Output(PlotsOutput);
        var confusion = Path.Combine(plotsDirectory, ConfusionMatrixFile);
        ConfusionMatrixPlot.Save(confusion, main.Confusion, classNames, $"Linear probe on frozen features: test top-1 {main.TestTop1:P1}");
        reporter.LogArtifact(confusion, PlotsOutput);
        if (data.ValidationPositions.Length > 0)
        {
            var curves = Path.Combine(plotsDirectory, ValidationCurvesFile);
            ValidationCurvesPlot.Save(curves, outcomes.Select(o => (o.Variant.Name, o.Probe.History, o.Probe.BestEpoch)).ToList());
            reporter.LogArtifact(curves, PlotsOutput);
        }
    }

    // The baseline is built under its own fixed seed, then the pipeline seed is restored for what follows.
    private static ResNet18Backbone RandomBackbone(EncoderInfo info, int seed)
    {
        manual_seed(BaselineEncoderSeed);
        var backbone = new ResNet18Backbone(info.BackboneOptions);
        manual_seed(seed);
        return backbone;
    }

    private static long[] ToLongs(ReadOnlySpan<byte> labels)
    {
        var result = new long[labels.Length];
        for (var i = 0; i < labels.Length; i++)
        {
            result[i] = labels[i];
        }
        return result;
    }
}
