using Pipeline.Ml.Eval;
using Pipeline.Ml.Optim;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Eval;

public sealed class LinearProbeTrainerTests
{
    private static readonly LinearProbeSettings Settings = new(Epochs: 30, BatchSize: 32, new OptimizerSettings(OptimizerKind.Adam, LearningRate: 0.05, WeightDecay: 0), Seed: 3);

    [Fact]
    public void Learns_linearly_separable_classes_and_keeps_the_best_validation_epoch()
    {
        TorchTestSetup.Seed();
        var (train, trainLabels) = Blobs(300, seed: 1);
        var (val, valLabelArray) = Blobs(90, seed: 2);
        using (train)
        using (val)
        using (var valLabels = tensor(valLabelArray))
        {
            var steps = new List<double>();
            var trainer = new LinearProbeTrainer(Settings, CPU) { StepCompleted = (_, loss) => steps.Add(loss) };

            using var result = trainer.Train(8, 3, trainLabels, batch => train.index_select(0, tensor(batch.Select(i => (long)i).ToArray())), val, valLabels);

            Assert.Equal(30, result.History.Count);
            Assert.Equal(30 * 10, steps.Count);
            Assert.True(steps[^1] < steps[0] / 4, $"loss went from {steps[0]} to {steps[^1]}");
            var best = result.History.Max(e => e.ValAccuracy);
            Assert.Equal(result.History.First(e => e.ValAccuracy == best).Epoch, result.BestEpoch);
            Assert.True(best > 0.9, $"best validation accuracy {best}");
            using var logits = LinearProbeTrainer.Predict(result.Classifier, val, batchSize: 7);
            var accuracy = logits.argmax(1).eq(valLabels).to_type(ScalarType.Float64).mean().item<double>();
            Assert.Equal(best, accuracy, 9);
        }
    }

    [Fact]
    public void Without_validation_the_last_epoch_is_kept()
    {
        TorchTestSetup.Seed();
        var (train, trainLabels) = Blobs(60, seed: 1);
        using (train)
        using (var val = zeros(0, 8))
        using (var valLabels = zeros(0, dtype: ScalarType.Int64))
        {
            var trainer = new LinearProbeTrainer(Settings with { Epochs = 3 }, CPU);

            using var result = trainer.Train(8, 3, trainLabels, batch => train.index_select(0, tensor(batch.Select(i => (long)i).ToArray())), val, valLabels);

            Assert.Equal(3, result.BestEpoch);
            Assert.All(result.History, e => Assert.True(double.IsNaN(e.ValAccuracy)));
        }
    }

    [Fact]
    public void The_same_seed_gives_the_same_weights()
    {
        TorchTestSetup.Seed();
        var (train, trainLabels) = Blobs(60, seed: 1);
        var (val, valLabelArray) = Blobs(30, seed: 2);
        using (train)
        using (val)
        using (var valLabels = tensor(valLabelArray))
        {
            Tensor Features(int[] batch) => train.index_select(0, tensor(batch.Select(i => (long)i).ToArray()));
            using var a = new LinearProbeTrainer(Settings with { Epochs = 4 }, CPU).Train(8, 3, trainLabels, Features, val, valLabels);
            using var b = new LinearProbeTrainer(Settings with { Epochs = 4 }, CPU).Train(8, 3, trainLabels, Features, val, valLabels);

            Assert.True(a.Classifier.weight!.equal(b.Classifier.weight!).all().item<bool>());
        }
    }

    /// <summary>Three Gaussian blobs in 8 dimensions, centred on +-2 along different axes, with their labels.</summary>
    private static (Tensor Features, long[] Labels) Blobs(int count, int seed)
    {
        var noise = TensorData.Gaussian(count, 8, seed);
        var labels = new long[count];
        for (var i = 0; i < count; i++)
        {
            labels[i] = i % 3;
            noise[i, (int)labels[i]] += 2.5;
            noise[i, 3 + (int)labels[i]] -= 2.5;
        }
        return (TensorData.ToTensor(noise), labels);
    }
}
