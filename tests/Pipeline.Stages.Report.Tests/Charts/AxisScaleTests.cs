using Pipeline.Stages.Report.Charts;

namespace Pipeline.Stages.Report.Tests.Charts;

public sealed class AxisScaleTests
{
    [Fact]
    public void Ticks_are_nice_numbers_covering_the_data()
    {
        var scale = AxisScale.For([0.3, 4.7]);
        Assert.Equal([0.0, 1, 2, 3, 4, 5], scale.Ticks);
        Assert.Equal(0, scale.Min);
        Assert.Equal(5, scale.Max);
    }

    [Fact]
    public void A_flat_series_gets_a_drawable_range()
    {
        var scale = AxisScale.For([2.0, 2.0]);
        Assert.True(scale.Max > scale.Min);
        Assert.InRange(scale.Map(2.0, 0, 100), 1, 99);
    }

    [Fact]
    public void Non_finite_values_are_ignored()
    {
        var scale = AxisScale.For([double.NaN, 1, double.PositiveInfinity, 3]);
        Assert.Equal(1, scale.Min);
        Assert.Equal(3, scale.Max);
    }
}
