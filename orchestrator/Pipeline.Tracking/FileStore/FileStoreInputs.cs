using System.Security.Cryptography;
using System.Text;
using Pipeline.Tracking.Io;

namespace Pipeline.Tracking.FileStore;

/// <summary>
/// Dataset inputs in MLflow's file-store layout (mlflow/store/tracking/file_store.py <c>log_inputs</c>):
/// <c>&lt;experiment&gt;/datasets/&lt;md5(name+digest)&gt;/meta.yaml</c> once per dataset, and
/// <c>&lt;run&gt;/inputs/&lt;md5(dataset id+run id)&gt;/meta.yaml</c> linking the run to it with its context tag.
/// </summary>
internal static class FileStoreInputs
{
    public static void Write(FileStoreLayout layout, string experimentId, string runId, TrackedDataset dataset)
    {
        var datasetId = Md5Hex(dataset.Name + dataset.StoredDigest);
        var datasetMeta = Path.Combine(layout.Experiment(experimentId), "datasets", datasetId, FileStoreLayout.MetaFile);
        if (!File.Exists(datasetMeta))
        {
            AtomicFile.WriteAllText(datasetMeta, MetaYaml.Write(new Dictionary<string, object?>
            {
                ["digest"] = dataset.StoredDigest,
                ["name"] = dataset.Name,
                ["profile"] = null,
                ["schema"] = dataset.Schema,
                ["source"] = dataset.Source,
                ["source_type"] = TrackedDataset.SourceType,
            }));
        }

        var inputMeta = Path.Combine(layout.Run(experimentId, runId), "inputs", Md5Hex(datasetId + runId), FileStoreLayout.MetaFile);
        if (!File.Exists(inputMeta))
        {
            // MLflow 2.17 writes the dataset id as destination_id too; we match what its reader expects to find.
            var flat = MetaYaml.Write(new Dictionary<string, object?>
            {
                ["destination_id"] = datasetId,
                ["destination_type"] = "RUN",
                ["source_id"] = datasetId,
                ["source_type"] = "DATASET",
            });
            AtomicFile.WriteAllText(inputMeta, flat + MetaYaml.WriteNested("tags", new Dictionary<string, string> { [TrackedDataset.ContextTag] = dataset.Context }));
        }
    }

#pragma warning disable CA5351 // MD5 names folders here, as MLflow's file store does; it protects nothing.
    private static string Md5Hex(string text) => Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes(text)));
#pragma warning restore CA5351
}
