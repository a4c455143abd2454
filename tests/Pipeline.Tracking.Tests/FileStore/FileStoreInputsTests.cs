using System.Security.Cryptography;
using System.Text;
using Pipeline.Tracking.FileStore;
using Pipeline.Tracking.Tests.Fakes;
using YamlDotNet.RepresentationModel;

namespace Pipeline.Tracking.Tests.FileStore;

/// <summary>Dataset inputs laid out as MLflow 2.17's file store writes them (datasets/ under the experiment, inputs/ under the run).</summary>
public class FileStoreInputsTests
{
#pragma warning disable CA5351 // MLflow names these folders by MD5; the test recomputes its ids independently.
    private static string Md5(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351

    private static YamlMappingNode Yaml(string path)
    {
        var stream = new YamlStream();
        stream.Load(new StringReader(File.ReadAllText(path)));
        return (YamlMappingNode)stream.Documents[0].RootNode;
    }

    [Fact]
    public async Task Dataset_and_input_meta_files_have_mlflows_ids_and_fields()
    {
        using var temp = new TempFolder();
        var root = temp.Sub("mlruns");
        await using var tracker = new FileStoreTracker(root, "smoke", new TrackerOptions { LoggerFactory = new CapturingLoggerFactory() });
        await using var run = await tracker.StartRunAsync("pretrain", null, new Dictionary<string, string>(), CancellationToken.None);
        var digest = new string('b', 64);

        await run.LogInputsAsync([new TrackedDataset("download.dataset", digest, "{\"uri\": \"/data/x\"}", "{\"files\": 3}", "training")], CancellationToken.None);

        var experiment = Directory.GetDirectories(root).Single(d => Directory.Exists(Path.Combine(d, run.RunId)));
        var datasetId = Md5("download.dataset" + digest[..36]);
        var dataset = Yaml(Path.Combine(experiment, "datasets", datasetId, "meta.yaml"));
        Assert.Equal(["digest", "name", "profile", "schema", "source", "source_type"], dataset.Children.Keys.Select(k => ((YamlScalarNode)k).Value));
        Assert.Equal(digest[..36], ((YamlScalarNode)dataset["digest"]).Value);
        Assert.Equal("{\"uri\": \"/data/x\"}", ((YamlScalarNode)dataset["source"]).Value);
        Assert.Equal("{\"files\": 3}", ((YamlScalarNode)dataset["schema"]).Value);
        Assert.Equal("local", ((YamlScalarNode)dataset["source_type"]).Value);

        var input = Yaml(Path.Combine(experiment, run.RunId, "inputs", Md5(datasetId + run.RunId), "meta.yaml"));
        Assert.Equal("DATASET", ((YamlScalarNode)input["source_type"]).Value);
        Assert.Equal(datasetId, ((YamlScalarNode)input["source_id"]).Value);
        Assert.Equal("RUN", ((YamlScalarNode)input["destination_type"]).Value);
        Assert.Equal("training", ((YamlScalarNode)((YamlMappingNode)input["tags"])["mlflow.data.context"]).Value);
    }
}
