using Microsoft.Extensions.Logging;
using Pipeline.Ml.Eval;
using Pipeline.Stages.Abstractions;
using static TorchSharp.torch;

namespace Pipeline.Stages.LinearEval;

/// <summary>
/// Runs the whole protocol for one <see cref="ProbeVariant"/>: frozen features, linear probe with validation-based
/// epoch selection, test top-1/top-5 and per-class accuracy, and the weighted k-NN top-1 (bank: all labelled train
/// images, train and validation, without augmentation). Reports every metric with the variant's prefix.
/// </summary>
internal sealed class ProbeEvaluator(LinearEvalParams parameters, StageContext context, Device device)
{
    public ProbeOutcome Evaluate(ProbeVariant variant, FrozenFeatureExtractor extractor, EvaluationData data, CancellationToken cancellationToken)
    {
        var reporter = context.Reporter;
        var prefix = variant.Prefix;
        var classCount = data.ClassNames.Count;
        using var trainFeatures = Extract(variant, "train", extractor, data.TrainSource, data.TrainPositions, cancellationToken);
        using var testFeatures = Extract(variant, "test", extractor, data.TestSource, Enumerable.Range(0, data.TestSource.Count).ToArray(), cancellationToken);
        using var valFeatures = data.ValidationPositions.Length == 0
            ? zeros(0, testFeatures.shape[1])
            : Extract(variant, "validation", extractor, data.TrainSource, data.ValidationPositions, cancellationToken);
        var featureDimension = (int)testFeatures.shape[1];
        var trainLabels = data.TrainPositions.Select(p => data.TrainSplitLabels[p]).ToArray();
        using var valLabels = tensor(data.ValidationPositions.Select(p => data.TrainSplitLabels[p]).ToArray());
        using var testLabels = tensor(data.TestLabels);

        using var augmentation = parameters.Augment ? new ProbeAugmentation(context.Seed) : null;
        Tensor TrainBatch(int[] positions)
        {
            if (augmentation is null)
            {
                using var index = tensor(positions.Select(p => (long)p).ToArray());
                return trainFeatures.index_select(0, index);
            }
            using var pixels = PixelBatch.Read(data.TrainSource, positions.Select(p => data.TrainPositions[p]).ToArray());
            return extractor.Extract(pixels, augmentation);
        }

        var trainer = new LinearProbeTrainer(new LinearProbeSettings(parameters.Epochs, parameters.BatchSize, parameters.OptimizerSettings(), context.Seed), device)
        {
            StepCompleted = (step, loss) => reporter.LogMetric($"{prefix}train_loss", loss, step),
            EpochCompleted = epoch =>
            {
                if (!double.IsNaN(epoch.ValAccuracy))
                {
                    reporter.LogMetric($"{prefix}val_loss", epoch.ValLoss, epoch.Epoch);
                    reporter.LogMetric($"{prefix}val_acc", epoch.ValAccuracy, epoch.Epoch);
                }
                reporter.Progress(new ProgressUpdate($"{variant.Name} probe", epoch.Epoch, parameters.Epochs, "epochs",
                    double.IsNaN(epoch.ValAccuracy) ? null : $"val_acc {epoch.ValAccuracy:P1}"));
            },
        };
        var probe = trainer.Train(featureDimension, classCount, trainLabels, TrainBatch, valFeatures, valLabels, cancellationToken);
        try
        {
            using var logits = LinearProbeTrainer.Predict(probe.Classifier, testFeatures);
            using var predicted = logits.argmax(1);
            var predictions = predicted.data<long>().ToArray();
            var confusion = ConfusionMatrix.From(data.TestLabels, predictions, classCount);
            var top5 = TopKAccuracy.Compute(logits, testLabels, 5);

            using var bank = cat([trainFeatures, valFeatures], 0);
            using var bankLabels = tensor(trainLabels.Concat(data.ValidationPositions.Select(p => data.TrainSplitLabels[p])).ToArray());
            using var knnScores = WeightedKnnClassifier.Scores(bank, bankLabels, testFeatures, classCount, parameters.KnnK, parameters.KnnTemperature);
            var knnTop1 = TopKAccuracy.Compute(knnScores, testLabels, 1);

            var outcome = new ProbeOutcome
            {
                Variant = variant,
                Probe = probe,
                FeatureDimension = featureDimension,
                Predictions = predictions,
                Confusion = confusion,
                TestTop1 = confusion.Accuracy,
                TestTop5 = top5,
                KnnTop1 = knnTop1,
            };
            Report(outcome, data.ClassNames);
            return outcome;
        }
        catch
        {
            probe.Dispose();
            throw;
        }
    }

    private Tensor Extract(ProbeVariant variant, string part, FrozenFeatureExtractor extractor, IImageBatchSource source, int[] indices, CancellationToken cancellationToken)
    {
        var phase = $"{variant.Name} features ({part})";
        context.Reporter.Progress(new ProgressUpdate(phase, 0, indices.Length, "images"));
        return extractor.ExtractAll(source, indices, parameters.BatchSize,
            done => context.Reporter.Progress(new ProgressUpdate(phase, done, indices.Length, "images")), cancellationToken);
    }

    private void Report(ProbeOutcome outcome, IReadOnlyList<string> classNames)
    {
        var reporter = context.Reporter;
        foreach (var (key, value) in outcome.SummaryMetrics(classNames))
        {
            reporter.LogSummary(key, value);
        }
        context.Logger.LogInformation("{Variant}: test top-1 {Top1:P2}, top-5 {Top5:P2}, k-NN top-1 {Knn:P2} (best epoch {Epoch} of {Epochs})",
            outcome.Variant.Name, outcome.TestTop1, outcome.TestTop5, outcome.KnnTop1, outcome.Probe.BestEpoch, parameters.Epochs);
    }
}
