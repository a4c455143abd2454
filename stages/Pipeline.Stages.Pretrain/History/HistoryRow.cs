namespace Pipeline.Stages.Pretrain.History;

/// <summary>One optimiser step of the training history (a row of <c>history.parquet</c>).</summary>
/// <param name="Step">Global step, 1 for the first step of the run.</param>
/// <param name="Epoch">Epoch, 1-based.</param>
/// <param name="Loss">NT-Xent loss of the batch, before the update.</param>
/// <param name="Lr">Learning rate used by the step.</param>
/// <param name="ImagesPerSecond">Images of the batch over the step's wall time (reading, augmenting, training).</param>
public readonly record struct HistoryRow(long Step, int Epoch, double Loss, double Lr, double ImagesPerSecond);
