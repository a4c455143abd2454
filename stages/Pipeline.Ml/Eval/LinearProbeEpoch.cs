namespace Pipeline.Ml.Eval;

/// <summary>One epoch of a linear probe: mean train loss, and validation loss and accuracy (NaN without a validation set).</summary>
public sealed record LinearProbeEpoch(int Epoch, double TrainLoss, double ValLoss, double ValAccuracy);
