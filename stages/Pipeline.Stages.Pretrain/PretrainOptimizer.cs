using System.Text.Json.Serialization;
using Pipeline.Ml.Optim;

namespace Pipeline.Stages.Pretrain;

/// <summary>The optimisers the <c>optimizer</c> param names (<c>sgd</c>, <c>adam</c>, <c>adamw</c>).</summary>
public enum PretrainOptimizer
{
    /// <summary>SGD, with momentum when <c>momentum</c> &gt; 0.</summary>
    Sgd,

    /// <summary>Adam with L2 weight decay.</summary>
    Adam,

    /// <summary>AdamW (decoupled weight decay); spelled <c>adamw</c> in YAML.</summary>
    [JsonStringEnumMemberName("adamw")]
    AdamW,
}

/// <summary>Maps the YAML optimiser name to Pipeline.Ml's kind.</summary>
internal static class PretrainOptimizerExtensions
{
    public static OptimizerKind ToKind(this PretrainOptimizer optimizer) => optimizer switch
    {
        PretrainOptimizer.Sgd => OptimizerKind.Sgd,
        PretrainOptimizer.Adam => OptimizerKind.Adam,
        PretrainOptimizer.AdamW => OptimizerKind.AdamW,
        _ => throw new ArgumentOutOfRangeException(nameof(optimizer), optimizer, "unknown optimizer"),
    };
}
