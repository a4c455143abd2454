using Pipeline.Ml.Native;
using Pipeline.Stages.Pretrain.Data;
using Pipeline.Stages.Pretrain.Tests.Support;

namespace Pipeline.Stages.Pretrain.Tests.Data;

[Collection(ReferenceRunCollection.Name)]
public sealed class BatchPrefetcherTests(ReferenceRun reference)
{
    [Fact]
    public void Batches_hold_the_images_of_the_epoch_order_and_skip_the_incomplete_batch()
    {
        TorchNative.EnsureLoaded();
        using var source = PretrainImageSource.Open(reference.Dataset.Path, ["unlabeled", "train"], maxImages: 70);
        using var prefetcher = new BatchPrefetcher(source, batchSize: 16);
        var order = EpochOrder.Permutation(seed: 1, epoch: 0, source.Count);
        var steps = EpochOrder.StepsPerEpoch(source.Count, 16);
        var bytes = source.Shape.Bytes;

        prefetcher.Start(order, firstStep: 1, steps);
        for (var step = 1; step < steps; step++)
        {
            var batch = prefetcher.Next();
            var expected = new byte[16 * bytes];
            source.ReadBatch(order.AsSpan(step * 16, 16), expected);

            Assert.Equal([16L, 3L, 32L, 32L], batch.shape);
            Assert.True(expected.AsSpan().SequenceEqual(batch.bytes), $"batch {step} differs from the reader's images");
        }

        Assert.Equal(70, source.Count);
        Assert.Equal(4, steps);
        Assert.Throws<InvalidOperationException>(() => prefetcher.Next());
    }

    [Fact]
    public void The_epoch_order_depends_only_on_seed_and_epoch()
    {
        Assert.Equal(EpochOrder.Permutation(3, 7, 100), EpochOrder.Permutation(3, 7, 100));
        Assert.NotEqual(EpochOrder.Permutation(3, 7, 100), EpochOrder.Permutation(3, 8, 100));
        Assert.Equal(Enumerable.Range(0, 100), EpochOrder.Permutation(3, 7, 100).Order());
    }
}
