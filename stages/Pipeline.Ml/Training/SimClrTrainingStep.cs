using Pipeline.Ml.Losses;
using Pipeline.Ml.Optim;
using Pipeline.Ml.SimClr;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Ml.Training;

/// <summary>
/// One SimCLR optimisation step (Chen et al. 2020, algorithm 1): both views through f and g, NT-Xent,
/// backward, optimiser step, all inside one dispose scope so no per-batch tensor outlives the step.
/// The caller owns the model, loss and optimiser and puts the model in train mode.
/// </summary>
public sealed class SimClrTrainingStep
{
    private readonly SimClrModel model;
    private readonly NtXentLoss loss;
    private readonly OptimizerHelper optimizer;
    private readonly ILearningRateSchedule? schedule;
    private long step;

    /// <summary>Creates the step runner.</summary>
    /// <param name="model">Network to train.</param>
    /// <param name="loss">NT-Xent criterion.</param>
    /// <param name="optimizer">Optimiser over <paramref name="model"/>'s parameters.</param>
    /// <param name="schedule">Learning rate per step; null keeps the optimiser's.</param>
    public SimClrTrainingStep(SimClrModel model, NtXentLoss loss, OptimizerHelper optimizer, ILearningRateSchedule? schedule = null)
    {
        this.model = model;
        this.loss = loss;
        this.optimizer = optimizer;
        this.schedule = schedule;
    }

    /// <summary>Steps taken so far.</summary>
    public long StepsTaken => step;

    /// <summary>Runs one step on a batch of paired views and returns the loss before the update.</summary>
    /// <param name="view0">First augmented views [N, C, H, W].</param>
    /// <param name="view1">Second augmented views [N, C, H, W] of the same N images.</param>
    public double Run(Tensor view0, Tensor view1) => Run(view0, view1, CancellationToken.None);

    /// <summary>
    /// Runs one step, giving up between its phases (each view's forward pass, the backward pass) when
    /// <paramref name="cancellationToken"/> is cancelled: the <see cref="OperationCanceledException"/> comes before
    /// the optimiser's update, so the weights and the optimiser's state are those after the previous step. A stop
    /// waits for at most one phase, not a whole step.
    /// </summary>
    public double Run(Tensor view0, Tensor view1, CancellationToken cancellationToken)
    {
        using var scope = NewDisposeScope();
        if (schedule is not null)
        {
            OptimizerFactory.SetLearningRate(optimizer, schedule.At(step));
        }
        optimizer.zero_grad();
        cancellationToken.ThrowIfCancellationRequested();
        // A forward pass in train mode moves batch norm's running statistics: keep them (a few KB) so a step given
        // up after its forward passes leaves the model exactly as the previous step did.
        var buffers = cancellationToken.CanBeCanceled ? model.buffers().ToArray() : [];
        var before = buffers.Select(b => b.clone()).ToArray();
        try
        {
            var z0 = model.call(ConvLayout.ForConvolution(view0));
            cancellationToken.ThrowIfCancellationRequested();
            var z1 = model.call(ConvLayout.ForConvolution(view1));
            var value = loss.call(z0, z1);
            cancellationToken.ThrowIfCancellationRequested();
            value.backward();
            cancellationToken.ThrowIfCancellationRequested();
            optimizer.step();
            step++;
            return value.item<float>();
        }
        catch (OperationCanceledException)
        {
            using (no_grad())
            {
                for (var i = 0; i < buffers.Length; i++)
                {
                    buffers[i].copy_(before[i]);
                }
            }

            throw;
        }
    }
}
