using Pipeline.Stages.Report.Inputs;

namespace Pipeline.Stages.Report.Tests.Inputs;

public sealed class PerClassReaderTests
{
    [Fact]
    public void Rows_per_model_and_class_become_one_list_per_encoder_in_class_order()
    {
        var perClass = PerClassReader.Read(
            ["cat", "dog", "dog", "cat", "cat"],
            [0.9, 0.8, 0.5, 0.4, 0.3],
            ["pretrained", "pretrained", "baseline", "baseline", "pixel"]);

        Assert.Equal(["cat", "dog"], perClass.Classes);
        Assert.Equal(["pre-trained", "random-init", "raw pixels"], perClass.Encoders.Select(e => e.Encoder));
        Assert.Equal([0.9, 0.8], perClass.Encoders[0].Accuracy);
        Assert.Equal([0.4, 0.5], perClass.Encoders[1].Accuracy);
        Assert.Equal(0.3, perClass.Encoders[2].Accuracy[0]);
        Assert.True(double.IsNaN(perClass.Encoders[2].Accuracy[1]), "raw pixels has no row for dog");
    }

    [Fact]
    public void A_table_without_a_model_column_is_the_pretrained_encoder_and_percentages_become_fractions()
    {
        var perClass = PerClassReader.Read(["cat", null], [71.0, 0.5], models: null);

        Assert.Equal(["cat", "class 1"], perClass.Classes);
        var encoder = Assert.Single(perClass.Encoders);
        Assert.Equal("pre-trained", encoder.Encoder);
        Assert.Equal([0.71, 0.5], encoder.Accuracy);
    }
}
