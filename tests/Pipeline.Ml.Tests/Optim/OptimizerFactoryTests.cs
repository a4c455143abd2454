using Pipeline.Ml.Optim;
using Pipeline.Ml.Tests.TestSupport;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Optim;

public class OptimizerFactoryTests
{
    [Theory]
    [InlineData(OptimizerKind.Sgd, 0.05)]
    [InlineData(OptimizerKind.Adam, 0.1)]
    [InlineData(OptimizerKind.AdamW, 0.1)]
    public void Each_optimiser_minimises_a_quadratic(OptimizerKind kind, double learningRate)
    {
        TorchTestSetup.Seed();
        using var w = new Parameter(zeros(3));
        using var optimizer = OptimizerFactory.Create([w], new OptimizerSettings(kind, learningRate, WeightDecay: 0));

        for (var i = 0; i < 200; i++)
        {
            using var scope = NewDisposeScope();
            optimizer.zero_grad();
            w.sub(3).pow(2).sum().backward();
            optimizer.step();
        }

        Assert.All(w.data<float>().ToArray(), v => Assert.Equal(3.0, v, 0.05));
    }

    // With a zero loss gradient only weight decay moves w = 1 (lr 0.1, decay 0.5): SGD and AdamW shrink it by
    // lr*decay to 0.95; Adam adds decay*w to the gradient and its normalised first step is ~lr, giving 0.9.
    [Theory]
    [InlineData(OptimizerKind.Sgd, 0.95)]
    [InlineData(OptimizerKind.AdamW, 0.95)]
    [InlineData(OptimizerKind.Adam, 0.9)]
    public void Weight_decay_is_wired_as_each_optimiser_defines_it(OptimizerKind kind, double expected)
    {
        TorchTestSetup.Seed();
        using var w = new Parameter(ones(1));
        using var optimizer = OptimizerFactory.Create([w], new OptimizerSettings(kind, 0.1, Momentum: 0, WeightDecay: 0.5));

        using (NewDisposeScope())
        {
            optimizer.zero_grad();
            w.mul(0).sum().backward();
            optimizer.step();
        }

        Assert.Equal(expected, w.item<float>(), 1e-6);
    }

    [Fact]
    public void SetLearningRate_changes_the_next_step()
    {
        TorchTestSetup.Seed();
        using var w = new Parameter(zeros(1));
        using var optimizer = OptimizerFactory.Create([w], new OptimizerSettings(OptimizerKind.Sgd, 0.01, Momentum: 0, WeightDecay: 0));

        OptimizerFactory.SetLearningRate(optimizer, 0.5);
        using (NewDisposeScope())
        {
            optimizer.zero_grad();
            w.sum().backward();
            optimizer.step();
        }

        Assert.Equal(-0.5, w.item<float>(), 1e-7);
    }

    [Fact]
    public void Invalid_options_report_every_problem()
    {
        var options = new OptimizerSettings(OptimizerKind.Adam, LearningRate: 0, Momentum: 1, WeightDecay: -1, Nesterov: true, Beta1: 1);

        var errors = options.Validate();

        Assert.Equal(5, errors.Count);
        var error = Assert.Throws<ArgumentException>(() => { OptimizerFactory.Create([], options); });
        Assert.Contains("LearningRate", error.Message);
    }
}
