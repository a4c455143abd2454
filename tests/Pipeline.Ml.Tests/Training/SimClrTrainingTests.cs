using Pipeline.Ml.Backbones;
using Pipeline.Ml.Heads;
using Pipeline.Ml.Losses;
using Pipeline.Ml.Optim;
using Pipeline.Ml.SimClr;
using Pipeline.Ml.Tests.TestSupport;
using Pipeline.Ml.Training;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Training;

public class SimClrTrainingTests
{
    private static readonly ResNet18BackboneOptions SmallStem = new(SmallImageStem: true);

    // Fixed inputs: 4 images at 32 px, the second view a lightly perturbed copy of the first.
    private static (Tensor View0, Tensor View1) FixedViews()
    {
        var view0 = rand(4, 3, 32, 32);
        var view1 = view0.add(randn(4, 3, 32, 32).mul(0.1));
        return (view0, view1);
    }

    [Fact]
    public void Model_maps_images_to_128_d_projections_and_512_d_features()
    {
        TorchTestSetup.Seed();
        using var model = new SimClrModel(SmallStem);
        using var scope = NewDisposeScope();
        var images = rand(2, 3, 32, 32);

        Assert.Equal([2L, 128L], model.call(images).shape);
        Assert.Equal([2L, 512L], model.Backbone.call(images).shape);
    }

    [Fact]
    public void Loss_decreases_over_steps_on_fixed_inputs()
    {
        TorchTestSetup.Seed(42);
        using var model = new SimClrModel(SmallStem);
        using var loss = new NtXentLoss();
        using var optimizer = OptimizerFactory.Create(model.parameters(), new OptimizerSettings(OptimizerKind.Adam, 1e-3, WeightDecay: 0));
        var step = new SimClrTrainingStep(model, loss, optimizer);
        using var scope = NewDisposeScope();
        var (view0, view1) = FixedViews();
        model.train();

        var losses = Enumerable.Range(0, 6).Select(_ => step.Run(view0, view1)).ToList();

        Assert.All(losses, l => Assert.True(double.IsFinite(l)));
        Assert.True(losses[^1] < losses[0] - 0.05, $"loss did not decrease: {string.Join(", ", losses)}");
        Assert.Equal(6, step.StepsTaken);
    }

    [Fact]
    public void Same_seed_and_two_threads_give_bit_identical_weights_after_two_steps()
    {
        var first = TrainTwoSteps(seed: 99);
        var second = TrainTwoSteps(seed: 99);

        Assert.Equal(first.Keys, second.Keys);
        foreach (var (name, values) in first)
        {
            Assert.True(values.AsSpan().SequenceEqual(second[name]), $"{name} differs between identical runs");
        }
    }

    [Fact]
    public void Schedule_sets_the_learning_rate_of_each_step()
    {
        TorchTestSetup.Seed();
        using var model = new SimClrModel(SmallStem, new SimClrProjectionHeadOptions(OutputDimension: 16));
        using var loss = new NtXentLoss();
        using var optimizer = OptimizerFactory.Create(model.parameters(), new OptimizerSettings());
        var schedule = new WarmupCosineSchedule(0.3, warmupSteps: 2, totalSteps: 10);
        var step = new SimClrTrainingStep(model, loss, optimizer, schedule);
        using var scope = NewDisposeScope();
        var (view0, view1) = FixedViews();

        step.Run(view0, view1);

        Assert.Equal(0.15, optimizer.ParamGroups.First().LearningRate, 12);
    }

    // Returns every parameter and buffer as raw bytes, so the comparison is bit-for-bit.
    private static Dictionary<string, byte[]> TrainTwoSteps(long seed)
    {
        TorchTestSetup.Seed(seed);
        using var model = new SimClrModel(SmallStem);
        using var loss = new NtXentLoss();
        using var optimizer = OptimizerFactory.Create(model.parameters(), new OptimizerSettings());
        var step = new SimClrTrainingStep(model, loss, optimizer);
        using var scope = NewDisposeScope();
        var (view0, view1) = FixedViews();
        model.train();

        step.Run(view0, view1);
        step.Run(view0, view1);

        return model.state_dict().ToDictionary(kv => kv.Key, kv => kv.Value.contiguous().bytes.ToArray());
    }
}
