using Pipeline.Ml.Optim;

namespace Pipeline.Ml.Eval;

/// <summary>How <see cref="LinearProbeTrainer"/> trains: epochs, mini-batch size, optimiser and the seed of the initial weights and shuffling.</summary>
/// <param name="Epochs">Passes over the training features.</param>
/// <param name="BatchSize">Samples per optimiser step.</param>
/// <param name="Optimizer">The optimiser (constant learning rate).</param>
/// <param name="Seed">Seeds the linear layer's initial weights and the per-epoch shuffle.</param>
public sealed record LinearProbeSettings(int Epochs, int BatchSize, OptimizerSettings Optimizer, long Seed);
