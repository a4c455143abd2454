using Pipeline.Data;
using static TorchSharp.torch;

namespace Pipeline.Stages.Pretrain.Data;

/// <summary>
/// Reads batches into two reused native uint8 tensors [N, C, H, W] and fetches the next batch on a worker thread
/// while the current one trains, so disk reads never wait on the model and no per-batch managed buffer is allocated.
/// A tensor returned by <see cref="Next"/> is valid until the call after the following one.
/// </summary>
internal sealed class BatchPrefetcher : IDisposable
{
    private readonly PretrainImageSource source;
    private readonly int batchSize;
    private readonly Tensor[] buffers;
    private int[] order = [];
    private int nextStep;
    private int endStep;
    private Task? pending;
    private int pendingBuffer;

    public BatchPrefetcher(PretrainImageSource source, int batchSize)
    {
        this.source = source;
        this.batchSize = batchSize;
        var shape = source.Shape;
        long[] dims = [batchSize, shape.Channels, shape.Height, shape.Width];
        buffers = [zeros(dims, ScalarType.Byte), zeros(dims, ScalarType.Byte)];
    }

    /// <summary>Starts an epoch: batches <paramref name="firstStep"/>..<paramref name="steps"/>-1 of <paramref name="epochOrder"/>.</summary>
    public void Start(int[] epochOrder, int firstStep, int steps)
    {
        WaitPending();
        order = epochOrder;
        nextStep = firstStep;
        endStep = steps;
        Prefetch(0);
    }

    /// <summary>The next batch (CPU, uint8); it stays valid until the call after the next one.</summary>
    public Tensor Next()
    {
        if (pending is null)
        {
            throw new InvalidOperationException("no batch is left in this epoch");
        }
        var buffer = pendingBuffer;
        WaitPending();
        Prefetch(1 - buffer);
        return buffers[buffer];
    }

    public void Dispose()
    {
        try
        {
            WaitPending();
        }
        catch (Exception)
        {
            // A failed read was already reported by Next(); disposing must not throw it again.
        }
        foreach (var buffer in buffers)
        {
            buffer.Dispose();
        }
    }

    private void Prefetch(int buffer)
    {
        if (nextStep >= endStep)
        {
            return;
        }
        var step = nextStep++;
        var target = buffers[buffer];
        pendingBuffer = buffer;
        pending = Task.Run(() => source.ReadBatch(order.AsSpan(step * batchSize, batchSize), target.bytes));
    }

    private void WaitPending()
    {
        var task = pending;
        pending = null;
        task?.GetAwaiter().GetResult();
    }
}
