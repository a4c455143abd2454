using System.Diagnostics;
using Pipeline.Ml.Backbones;
using Pipeline.Ml.Heads;
using Pipeline.Ml.Losses;
using Pipeline.Ml.Optim;
using Pipeline.Ml.SimClr;
using Pipeline.Ml.Training;
using static TorchSharp.torch;

namespace Pipeline.Bench.Train;

/// <summary>
/// The bare SimCLR training step the stage runs (ResNet-18 + Linear-ReLU-Linear head, NT-Xent, plain SGD), on two
/// fixed random views: images per second of the median run after one warm-up step.
/// </summary>
internal static class TrainStepBench
{
    public static double ImagesPerSecond(int batch, int size, bool smallStem, int runs) =>
        ImagesPerSecond(batch, size, new ResNet18BackboneOptions(3, smallStem), runs);

    /// <summary>The same step for any backbone (<see cref="ResNet18BackboneOptions.InputChannels"/> channels in).</summary>
    public static double ImagesPerSecond(int batch, int size, ResNet18BackboneOptions backbone, int runs)
    {
        using var model = new SimClrModel(backbone, new SimClrProjectionHeadOptions(BatchNorm: false));
        using var loss = new NtXentLoss();
        using var optimizer = OptimizerFactory.Create(model.parameters(), new OptimizerSettings(OptimizerKind.Sgd, 0.06, Momentum: 0, WeightDecay: 0));
        var step = new SimClrTrainingStep(model, loss, optimizer);
        model.train();
        using var scope = NewDisposeScope();
        var view0 = rand(batch, backbone.InputChannels, size, size);
        var view1 = rand(batch, backbone.InputChannels, size, size);
        step.Run(view0, view1);
        var seconds = new List<double>();
        for (var r = 0; r < runs; r++)
        {
            var clock = Stopwatch.StartNew();
            step.Run(view0, view1);
            seconds.Add(clock.Elapsed.TotalSeconds);
        }
        return batch / Stats.Median(seconds);
    }
}
