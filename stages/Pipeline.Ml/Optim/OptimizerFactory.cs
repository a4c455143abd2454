using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Ml.Optim;

/// <summary>Builds a TorchSharp optimiser from <see cref="OptimizerSettings"/>, and sets its learning rate per step.</summary>
public static class OptimizerFactory
{
    /// <summary>Creates the optimiser over <paramref name="parameters"/>.</summary>
    /// <exception cref="ArgumentException">The options are invalid; the message lists every problem.</exception>
    public static OptimizerHelper Create(IEnumerable<Parameter> parameters, OptimizerSettings options)
    {
        var errors = options.Validate();
        if (errors.Count > 0)
        {
            throw new ArgumentException(string.Join(" ", errors), nameof(options));
        }
        return options.Kind switch
        {
            OptimizerKind.Sgd => optim.SGD(parameters, options.LearningRate, momentum: options.Momentum,
                weight_decay: options.WeightDecay, nesterov: options.Nesterov),
            OptimizerKind.Adam => optim.Adam(parameters, options.LearningRate, options.Beta1, options.Beta2,
                options.Epsilon, options.WeightDecay),
            OptimizerKind.AdamW => optim.AdamW(parameters, options.LearningRate, options.Beta1, options.Beta2,
                options.Epsilon, options.WeightDecay),
            _ => throw new ArgumentOutOfRangeException(nameof(options), options.Kind, "Unknown optimiser kind."),
        };
    }

    /// <summary>Sets the learning rate of every parameter group, e.g. to a schedule's value for this step.</summary>
    public static void SetLearningRate(OptimizerHelper optimizer, double learningRate)
    {
        foreach (var group in optimizer.ParamGroups)
        {
            group.LearningRate = learningRate;
        }
    }
}
