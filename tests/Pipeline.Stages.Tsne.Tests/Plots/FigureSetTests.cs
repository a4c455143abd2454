using Pipeline.Stages.Tsne.Data;
using Pipeline.Stages.Tsne.Html;
using Pipeline.Stages.Tsne.Plots;

namespace Pipeline.Stages.Tsne.Tests.Plots;

public sealed class FigureSetTests
{
    [Theory]
    [InlineData("vehicle", "vehicle_only.png")]
    [InlineData("Animal", "animal_only.png")]
    [InlineData("big cats!", "big_cats_only.png")]
    [InlineData("??", "superclass_only.png")]
    public void Superclass_files_are_named_after_the_superclass(string superclass, string file) =>
        Assert.Equal(file, FigureSet.OnlyFileName(superclass));

    [Fact]
    public void Figures_follow_the_data_superclasses_and_keep_class_colours()
    {
        var table = Table(labels: [2, 0, 1, 2, 0], names: ["car", "cat", "dog", "car", "cat"], superclasses: ["vehicle", "animal", "animal", "vehicle", "animal"]);

        var figures = FigureSet.Build(table, new float[5 * 3], 3);

        Assert.Equal(["all_classes.png", "superclasses.png", "animal_only.png", "vehicle_only.png"], figures.Select(f => f.File));
        var all = figures[0].View;
        Assert.Equal(["cat", "dog", "car"], all.Categories.Select(c => c.Name));
        Assert.Equal([2, 0, 1, 2, 0], all.CategoryOfPoint);
        var vehicles = figures[3].View;
        Assert.Equal(2, vehicles.Count);
        Assert.Equal(all.Categories[2], Assert.Single(vehicles.Categories));
        Assert.Equal(["animal", "vehicle"], figures[1].View.Categories.Select(c => c.Name));
    }

    [Fact]
    public void Without_superclasses_only_the_all_classes_figure_is_made()
    {
        var table = Table(labels: [0, 1], names: ["a", "b"], superclasses: ["", ""]);

        Assert.Equal(["all_classes.png"], FigureSet.Build(table, new float[4], 2).Select(f => f.File));
    }

    [Fact]
    public void Palette_starts_with_tab10_and_stays_distinct_beyond_it()
    {
        Assert.Equal("#1f77b4", Palette.Hex(0));
        Assert.Equal("#17becf", Palette.Hex(9));
        var many = Enumerable.Range(0, 40).Select(Palette.Hex).ToList();
        Assert.Equal(many.Count, many.Distinct().Count());
        Assert.All(many, h => Assert.Matches("^#[0-9a-f]{6}$", h));
    }

    [Fact]
    public void Html_coordinates_are_centred_and_scaled_into_plus_minus_the_scale()
    {
        float[] map = [10, -4, 30, 0, 20, 4];

        var quantised = InteractiveHtml.Quantize(map, 2);

        Assert.Equal([-1000, -400, 1000, 0, 0, 400], quantised);
    }

    private static EmbeddingTable Table(int[] labels, string[] names, string[] superclasses) =>
        new(labels.Length, 1, [.. Enumerable.Range(0, labels.Length)], [.. labels.Select(_ => "test")], labels, names, superclasses, new float[labels.Length]);
}
