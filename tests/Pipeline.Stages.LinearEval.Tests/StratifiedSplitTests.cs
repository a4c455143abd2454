namespace Pipeline.Stages.LinearEval.Tests;

public sealed class StratifiedSplitTests
{
    private static readonly byte[] Labels = Enumerable.Range(0, 103).Select(i => (byte)(i % 4 == 3 ? 3 : i % 3)).ToArray();

    [Fact]
    public void Holds_out_the_fraction_of_every_class_and_covers_all_samples_once()
    {
        var (train, validation) = StratifiedSplit.Split(Labels, 0.1, seed: 1);

        Assert.Equal(Enumerable.Range(0, Labels.Length), train.Concat(validation).Order());
        foreach (var label in Labels.Distinct())
        {
            var count = Labels.Count(l => l == label);
            var held = validation.Count(i => Labels[i] == label);
            Assert.Equal((int)Math.Round(0.1 * count, MidpointRounding.AwayFromZero), held);
        }
    }

    [Fact]
    public void The_seed_fixes_the_split_and_another_seed_changes_it()
    {
        var a = StratifiedSplit.Split(Labels, 0.2, seed: 1);
        var b = StratifiedSplit.Split(Labels, 0.2, seed: 1);
        var c = StratifiedSplit.Split(Labels, 0.2, seed: 2);

        Assert.Equal(a.Validation, b.Validation);
        Assert.NotEqual(a.Validation, c.Validation);
    }

    [Fact]
    public void A_small_class_keeps_at_least_one_sample_on_each_side()
    {
        var (train, validation) = StratifiedSplit.Split(new byte[] { 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 }, 0.1, seed: 1);

        Assert.Contains(validation, i => i < 2);
        Assert.Contains(train, i => i < 2);
    }

    [Fact]
    public void A_zero_fraction_keeps_everything_for_training()
    {
        var (train, validation) = StratifiedSplit.Split(Labels, 0, seed: 1);

        Assert.Empty(validation);
        Assert.Equal(Labels.Length, train.Length);
    }
}
