using System.Text.Json.Nodes;
using Pipeline.Engine.Caching;
using Pipeline.Engine.Validation;
using Pipeline.Tracking;

namespace Pipeline.Orchestrator.Tracking;

/// <summary>
/// The datasets a stage reads, for MLflow's log-inputs: each wired input is the upstream output named
/// <c>stage.output</c>, with the content digest from the upstream cache entry's manifest and its folder as source.
/// A training stage (its type names pre-training or training) reads them as <c>training</c>, others as <c>evaluation</c>.
/// </summary>
internal static class StageDatasets
{
    public static IReadOnlyList<TrackedDataset> For(ValidatedPipeline pipeline, ArtifactStore store, string stageId, IReadOnlyDictionary<string, string> keys)
    {
        var stage = pipeline.Stages[stageId];
        var context = stage.Descriptor.TypeName.Contains("train", StringComparison.OrdinalIgnoreCase) ? "training" : "evaluation";
        var datasets = new List<TrackedDataset>();
        foreach (var input in stage.Definition.Inputs)
        {
            if (!keys.TryGetValue(input.FromStage, out var key)
                || Manifest.TryRead(Path.Combine(store.EntryPath(key), Manifest.FileName)) is not { } manifest
                || !manifest.Outputs.TryGetValue(input.FromOutput, out var output))
            {
                continue;
            }

            var source = new JsonObject { ["uri"] = store.OutputPath(key, input.FromOutput) }.ToJsonString();
            var schema = new JsonObject
            {
                ["artifact_type"] = output.ArtifactType,
                ["files"] = output.Files.Count,
                ["digest"] = output.Digest,
            }.ToJsonString();
            datasets.Add(new TrackedDataset(input.Reference, output.Digest, source, schema, context));
        }

        return datasets;
    }
}
