using Pipeline.Ml.Eval;
using Pipeline.Ml.Tests.TestSupport;
using static TorchSharp.torch;

namespace Pipeline.Ml.Tests.Eval;

public sealed class WeightedKnnClassifierTests
{
    [Fact]
    public void Scores_match_a_loop_reference_on_random_features()
    {
        TorchTestSetup.Seed();
        const int classes = 4, k = 5;
        const double temperature = 0.1;
        var bank = TensorData.Gaussian(30, 6, seed: 1);
        var query = TensorData.Gaussian(7, 6, seed: 2);
        var labels = Enumerable.Range(0, 30).Select(i => (long)((i * 7) % classes)).ToArray();
        using var bankTensor = TensorData.ToTensor(bank);
        using var queryTensor = TensorData.ToTensor(query);
        using var labelTensor = tensor(labels);

        using var scores = WeightedKnnClassifier.Scores(bankTensor, labelTensor, queryTensor, classes, k, temperature, queryBatchSize: 3);

        var expected = KnnReference(bank, labels, query, classes, k, temperature);
        Assert.Equal([7L, classes], scores.shape);
        var actual = scores.data<float>().ToArray();
        for (var q = 0; q < 7; q++)
        {
            for (var c = 0; c < classes; c++)
            {
                var value = actual[(q * classes) + c];
                Assert.True(Math.Abs(expected[q, c] - value) <= 1e-5 * Math.Max(1, Math.Abs(expected[q, c])), $"query {q} class {c}: expected {expected[q, c]}, got {value}");
            }
        }
    }

    [Fact]
    public void Nearest_neighbours_outvote_a_larger_but_distant_class()
    {
        // Query (1, 0): one very close class-1 neighbour against two orthogonal class-0 entries, k = 3, T = 0.1:
        // class 1 scores exp(1/0.1) = 22026, class 0 scores 2 * exp(0) = 2.
        using var bank = tensor(new float[] { 1, 0, 0, 1, 0, 2 }, [3, 2]);
        using var labels = tensor(new long[] { 1, 0, 0 });
        using var query = tensor(new float[] { 3, 0 }, [1, 2]);

        using var scores = WeightedKnnClassifier.Scores(bank, labels, query, classCount: 2, k: 3, temperature: 0.1);

        Assert.Equal(2.0, scores[0, 0].item<float>(), 4);
        Assert.Equal(Math.Exp(10), scores[0, 1].item<float>(), 0);
    }

    [Fact]
    public void K_larger_than_the_bank_uses_every_entry()
    {
        using var bank = tensor(new float[] { 1, 0, 0, 1 }, [2, 2]);
        using var labels = tensor(new long[] { 0, 1 });
        using var query = tensor(new float[] { 1, 1 }, [1, 2]);

        using var scores = WeightedKnnClassifier.Scores(bank, labels, query, classCount: 2, k: 200, temperature: 0.5);

        var both = Math.Exp(Math.Sqrt(0.5) / 0.5);
        Assert.Equal(both, scores[0, 0].item<float>(), 4);
        Assert.Equal(both, scores[0, 1].item<float>(), 4);
    }

    /// <summary>The weighted k-NN written as plain loops over doubles.</summary>
    private static double[,] KnnReference(double[,] bank, long[] labels, double[,] query, int classes, int k, double temperature)
    {
        var n = bank.GetLength(0);
        var d = bank.GetLength(1);
        var q = query.GetLength(0);
        var scores = new double[q, classes];
        for (var i = 0; i < q; i++)
        {
            var similarities = new (double Sim, long Label)[n];
            for (var j = 0; j < n; j++)
            {
                double dot = 0, nq = 0, nb = 0;
                for (var t = 0; t < d; t++)
                {
                    dot += query[i, t] * bank[j, t];
                    nq += query[i, t] * query[i, t];
                    nb += bank[j, t] * bank[j, t];
                }
                similarities[j] = (dot / (Math.Sqrt(nq) * Math.Sqrt(nb)), labels[j]);
            }
            foreach (var (sim, label) in similarities.OrderByDescending(s => s.Sim).Take(k))
            {
                scores[i, label] += Math.Exp(sim / temperature);
            }
        }
        return scores;
    }
}
