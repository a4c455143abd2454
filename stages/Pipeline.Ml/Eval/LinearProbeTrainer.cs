using Pipeline.Ml.Optim;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;
using static TorchSharp.torch.nn.functional;

namespace Pipeline.Ml.Eval;

/// <summary>
/// Trains one linear layer on frozen features with cross-entropy (the linear evaluation protocol of SimCLR,
/// Chen et al. 2020, section 4) and keeps the weights of the epoch with the best validation accuracy.
/// Features come from a callback, so they can be precomputed once or recomputed per batch (augmentation).
/// </summary>
public sealed class LinearProbeTrainer
{
    private readonly LinearProbeSettings settings;
    private readonly Device device;

    /// <summary>Creates a trainer that runs on <paramref name="device"/>.</summary>
    public LinearProbeTrainer(LinearProbeSettings settings, Device device)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.Epochs, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(settings.BatchSize, 1);
        this.settings = settings;
        this.device = device;
    }

    /// <summary>Called after every optimiser step with the 0-based global step and the batch loss.</summary>
    public Action<long, double>? StepCompleted { get; init; }

    /// <summary>Called after every epoch.</summary>
    public Action<LinearProbeEpoch>? EpochCompleted { get; init; }

    /// <summary>Trains the probe. Reseeds torch's global generator with <see cref="LinearProbeSettings.Seed"/> to initialise the layer.</summary>
    /// <param name="featureDimension">D, the width of the features.</param>
    /// <param name="classCount">Number of classes.</param>
    /// <param name="trainLabels">Labels of the training samples, 0..classCount-1.</param>
    /// <param name="trainFeatures">Features [B, D] (CPU or device) of the training samples at the given positions of <paramref name="trainLabels"/>.</param>
    /// <param name="valFeatures">Validation features [V, D]; V may be 0.</param>
    /// <param name="valLabels">Validation labels [V] (int64).</param>
    /// <param name="cancellationToken">Checked between steps.</param>
    public LinearProbeResult Train(int featureDimension, int classCount, IReadOnlyList<long> trainLabels, Func<int[], Tensor> trainFeatures,
        Tensor valFeatures, Tensor valLabels, CancellationToken cancellationToken = default)
    {
        if (trainLabels.Count == 0)
        {
            throw new ArgumentException("there are no training samples", nameof(trainLabels));
        }
        manual_seed(settings.Seed);
        var classifier = nn.Linear(featureDimension, classCount);
        try
        {
            classifier.to(device);
            using var optimizer = OptimizerFactory.Create(classifier.parameters(), settings.Optimizer);
            var random = new Random(unchecked((int)settings.Seed));
            var order = Enumerable.Range(0, trainLabels.Count).ToArray();
            var labels = trainLabels.ToArray();
            var history = new List<LinearProbeEpoch>();
            Dictionary<string, Tensor>? best = null;
            var bestEpoch = 0;
            var bestAccuracy = double.NegativeInfinity;
            long step = 0;
            for (var epoch = 1; epoch <= settings.Epochs; epoch++)
            {
                random.Shuffle(order);
                classifier.train();
                double lossSum = 0;
                var batches = 0;
                for (var start = 0; start < order.Length; start += settings.BatchSize)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    var batch = order[start..Math.Min(start + settings.BatchSize, order.Length)];
                    var loss = Step(classifier, optimizer, trainFeatures(batch), batch.Select(i => labels[i]).ToArray());
                    StepCompleted?.Invoke(step++, loss);
                    lossSum += loss;
                    batches++;
                }

                var (valLoss, valAccuracy) = Validate(classifier, valFeatures, valLabels);
                var result = new LinearProbeEpoch(epoch, lossSum / batches, valLoss, valAccuracy);
                history.Add(result);
                EpochCompleted?.Invoke(result);
                if (valFeatures.shape[0] > 0 && valAccuracy > bestAccuracy)
                {
                    bestAccuracy = valAccuracy;
                    bestEpoch = epoch;
                    DisposeAll(best);
                    best = Snapshot(classifier);
                }
            }

            if (best is not null)
            {
                classifier.load_state_dict(best);
                DisposeAll(best);
            }
            else
            {
                bestEpoch = settings.Epochs;
            }
            classifier.to(CPU);
            classifier.eval();
            return new LinearProbeResult(classifier, bestEpoch, history);
        }
        catch
        {
            classifier.Dispose();
            throw;
        }
    }

    /// <summary>Logits [N, classes] on the CPU of <paramref name="classifier"/> for <paramref name="features"/> [N, D], under no_grad, in batches.</summary>
    public static Tensor Predict(Linear classifier, Tensor features, int batchSize = 4096)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        using var noGrad = no_grad();
        classifier.eval();
        var parameterDevice = classifier.weight!.device;
        var parts = new List<Tensor>();
        try
        {
            for (long start = 0; start < features.shape[0]; start += batchSize)
            {
                using var scope = NewDisposeScope();
                var length = Math.Min(batchSize, features.shape[0] - start);
                var logits = classifier.call(features.narrow(0, start, length).to(parameterDevice));
                parts.Add(logits.to(CPU).MoveToOuterDisposeScope());
            }
            return parts.Count == 0 ? zeros(0, classifier.weight.shape[0]) : cat(parts, 0);
        }
        finally
        {
            foreach (var part in parts)
            {
                part.Dispose();
            }
        }
    }

    private double Step(Linear classifier, OptimizerHelper optimizer, Tensor features, long[] labels)
    {
        using var scope = NewDisposeScope();
        using var ownedFeatures = features;
        var x = features.to(device);
        var y = tensor(labels, device: device);
        optimizer.zero_grad();
        var loss = cross_entropy(classifier.call(x), y);
        loss.backward();
        optimizer.step();
        return loss.item<float>();
    }

    private static (double Loss, double Accuracy) Validate(Linear classifier, Tensor valFeatures, Tensor valLabels)
    {
        if (valFeatures.shape[0] == 0)
        {
            return (double.NaN, double.NaN);
        }
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var logits = Predict(classifier, valFeatures);
        var labels = valLabels.to_type(ScalarType.Int64);
        var loss = cross_entropy(logits, labels).item<float>();
        var accuracy = logits.argmax(1).eq(labels).to_type(ScalarType.Float64).mean().item<double>();
        return (loss, accuracy);
    }

    private static Dictionary<string, Tensor> Snapshot(Linear classifier)
    {
        using var noGrad = no_grad();
        return classifier.state_dict().ToDictionary(p => p.Key, p => p.Value.detach().clone());
    }

    private static void DisposeAll(Dictionary<string, Tensor>? tensors)
    {
        if (tensors is null)
        {
            return;
        }
        foreach (var t in tensors.Values)
        {
            t.Dispose();
        }
    }
}
