using Pipeline.Ml.Backbones;
using Pipeline.Ml.Heads;
using Pipeline.Ml.Losses;
using Pipeline.Ml.Optim;
using Pipeline.Ml.SimClr;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Stages.Pretrain.Training;

/// <summary>The model, loss, optimiser and learning-rate schedule one run trains with, built from the params; disposes them together.</summary>
internal sealed class TrainingComponents : IDisposable
{
    public TrainingComponents(SimClrPretrainParams parameters, int channels, int stepsPerEpoch, Device device)
    {
        Model = new SimClrModel(
            parameters.ToBackboneOptions(channels),
            new SimClrProjectionHeadOptions(BatchNorm: parameters.HeadBatchNorm));
        Model.to(device);
        Loss = new NtXentLoss(parameters.Temperature);
        Optimizer = OptimizerFactory.Create(Model.parameters(), new OptimizerSettings(
            parameters.Optimizer.ToKind(),
            parameters.Lr,
            Momentum: parameters.Momentum,
            WeightDecay: parameters.WeightDecay));
        var totalSteps = (long)parameters.Epochs * stepsPerEpoch;
        Schedule = parameters.Schedule switch
        {
            LearningRateScheduleKind.Cosine => new WarmupCosineSchedule(parameters.Lr, (long)parameters.WarmupEpochs * stepsPerEpoch, totalSteps),
            _ => new ConstantSchedule(parameters.Lr),
        };
    }

    public SimClrModel Model { get; }

    public NtXentLoss Loss { get; }

    public OptimizerHelper Optimizer { get; }

    public ILearningRateSchedule Schedule { get; }

    public void Dispose()
    {
        Optimizer.Dispose();
        Loss.Dispose();
        Model.Dispose();
    }
}
