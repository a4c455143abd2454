using System.Text.Json;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.FashionMnist.Tests;

public sealed class ParamsTests
{
    [Fact]
    public void Defaults_are_valid_and_read_debians_package()
    {
        var parameters = new FashionMnistParams();

        Assert.Empty(parameters.Validate());
        Assert.Equal("/usr/share/datasets/fashion-mnist", parameters.Directory);
        Assert.Equal(UnlabeledSource.Train, parameters.UnlabeledFrom);
        Assert.Null(parameters.Subset);
    }

    [Fact]
    public void Every_problem_is_reported_with_its_key()
    {
        var parameters = new FashionMnistParams { Directory = " ", Subset = new SubsetParams { Unlabeled = -1, Test = -2 }, UnlabeledFrom = (UnlabeledSource)7 };

        Assert.Equal(["directory", "subset.unlabeled", "subset.test", "unlabeled_from"], parameters.Validate().Select(e => e.Key));
    }

    [Fact]
    public void Params_bind_from_snake_case_json()
    {
        var json = """{"directory":"/data/fm","subset":{"unlabeled":100,"train":50},"unlabeled_from":"train_and_test"}""";

        var parameters = JsonSerializer.Deserialize<FashionMnistParams>(json, ParamsJson.Options)!;

        Assert.Equal("/data/fm", parameters.Directory);
        Assert.Equal((100, 50, (int?)null), (parameters.Subset!.Unlabeled, parameters.Subset.Train, parameters.Subset.Test));
        Assert.Equal(UnlabeledSource.TrainAndTest, parameters.UnlabeledFrom);
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<FashionMnistParams>("""{"dir":"/x"}""", ParamsJson.Options));
    }

    [Fact]
    public void The_stage_has_no_inputs_and_one_dataset_output()
    {
        var descriptor = new FashionMnistStage().Descriptor;

        Assert.Equal(("fashion-mnist", 1, typeof(FashionMnistParams)), (descriptor.TypeName, descriptor.Version, descriptor.ParamsType));
        Assert.Empty(descriptor.Inputs);
        Assert.Equal(new PortSpec("dataset", ArtifactTypes.Dataset), descriptor.Outputs.Single() with { Description = "" });
    }
}
