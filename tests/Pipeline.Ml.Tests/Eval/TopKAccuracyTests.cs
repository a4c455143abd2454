using Pipeline.Ml.Eval;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Eval;

public sealed class TopKAccuracyTests
{
    [Fact]
    public void Counts_a_sample_when_its_label_is_among_the_k_best_scores()
    {
        // Row 0: order 2, 1, 0; row 1: order 0, 2, 1; row 2: order 1, 0, 2.
        using var scores = tensor(new float[] { 0.1f, 0.5f, 0.9f, 0.8f, 0.1f, 0.3f, 0.4f, 0.7f, 0.2f }, [3, 3]);
        using var labels = tensor(new long[] { 2, 2, 2 });

        Assert.Equal(1.0 / 3, TopKAccuracy.Compute(scores, labels, 1), 12);
        Assert.Equal(2.0 / 3, TopKAccuracy.Compute(scores, labels, 2), 12);
        Assert.Equal(1.0, TopKAccuracy.Compute(scores, labels, 3), 12);
        Assert.Equal(1.0, TopKAccuracy.Compute(scores, labels, 5), 12);
    }
}
