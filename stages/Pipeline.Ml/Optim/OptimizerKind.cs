namespace Pipeline.Ml.Optim;

/// <summary>The optimisers <see cref="OptimizerFactory"/> builds.</summary>
public enum OptimizerKind
{
    /// <summary>SGD with optional (Nesterov) momentum and L2 weight decay added to the gradient.</summary>
    Sgd,

    /// <summary>Adam (Kingma and Ba 2015) with L2 weight decay added to the gradient.</summary>
    Adam,

    /// <summary>AdamW (Loshchilov and Hutter 2019): Adam with decoupled weight decay.</summary>
    AdamW,
}
