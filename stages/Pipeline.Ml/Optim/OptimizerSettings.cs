namespace Pipeline.Ml.Optim;

/// <summary>One optimiser's settings. Defaults: SGD, lr 0.06 with momentum 0.9 and weight decay 5e-4 (lightly's SimCLR example).</summary>
/// <param name="Kind">Which optimiser.</param>
/// <param name="LearningRate">Initial learning rate; a schedule overrides it every step.</param>
/// <param name="Momentum">SGD momentum (ignored by Adam/AdamW).</param>
/// <param name="WeightDecay">L2 penalty (SGD, Adam) or decoupled decay (AdamW).</param>
/// <param name="Nesterov">SGD only: Nesterov momentum.</param>
/// <param name="Beta1">Adam/AdamW first-moment decay.</param>
/// <param name="Beta2">Adam/AdamW second-moment decay.</param>
/// <param name="Epsilon">Adam/AdamW denominator term.</param>
public sealed record OptimizerSettings(
    OptimizerKind Kind = OptimizerKind.Sgd,
    double LearningRate = 0.06,
    double Momentum = 0.9,
    double WeightDecay = 5e-4,
    bool Nesterov = false,
    double Beta1 = 0.9,
    double Beta2 = 0.999,
    double Epsilon = 1e-8)
{
    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (!Enum.IsDefined(Kind))
        {
            errors.Add($"{nameof(Kind)} '{Kind}' is not one of {string.Join(", ", Enum.GetNames<OptimizerKind>())}.");
        }
        if (!(LearningRate > 0) || double.IsInfinity(LearningRate))
        {
            errors.Add($"{nameof(LearningRate)} must be a positive finite number (got {LearningRate}).");
        }
        if (!(Momentum >= 0 && Momentum < 1))
        {
            errors.Add($"{nameof(Momentum)} must be in [0, 1) (got {Momentum}).");
        }
        if (!(WeightDecay >= 0) || double.IsInfinity(WeightDecay))
        {
            errors.Add($"{nameof(WeightDecay)} must be a non-negative finite number (got {WeightDecay}).");
        }
        if (Nesterov && (Kind != OptimizerKind.Sgd || Momentum == 0))
        {
            errors.Add($"{nameof(Nesterov)} needs {nameof(Kind)} = Sgd and a positive {nameof(Momentum)}.");
        }
        if (!(Beta1 >= 0 && Beta1 < 1) || !(Beta2 >= 0 && Beta2 < 1))
        {
            errors.Add($"{nameof(Beta1)} and {nameof(Beta2)} must be in [0, 1) (got {Beta1}, {Beta2}).");
        }
        if (!(Epsilon > 0))
        {
            errors.Add($"{nameof(Epsilon)} must be positive (got {Epsilon}).");
        }
        return errors;
    }
}
