using Pipeline.Data;

namespace Pipeline.Stages.Pretrain.Data;

/// <summary>
/// The order images are visited in one epoch: a permutation that depends only on (seed, epoch), so a resumed
/// run visits the same batches as one that never stopped. The last incomplete batch is dropped (as PyTorch's
/// <c>DataLoader(drop_last=True)</c>).
/// </summary>
internal static class EpochOrder
{
    private static readonly long Stream = DeterministicRandom.StreamId("simclr-pretrain/order");

    /// <summary>A permutation of 0..<paramref name="count"/>-1 for <paramref name="epoch"/>.</summary>
    public static int[] Permutation(int seed, int epoch, int count)
    {
        var order = new int[count];
        for (var i = 0; i < count; i++)
        {
            order[i] = i;
        }
        new DeterministicRandom(seed, Stream, epoch).Shuffle(order.AsSpan());
        return order;
    }

    /// <summary>Full batches per epoch.</summary>
    public static int StepsPerEpoch(int count, int batchSize) => count / batchSize;

    /// <summary>The seed of the augmentation generator of <paramref name="epoch"/>.</summary>
    public static ulong AugmentSeed(int seed, int epoch) =>
        new DeterministicRandom(seed, DeterministicRandom.StreamId("simclr-pretrain/augment"), epoch).NextUInt64() >> 1;
}
