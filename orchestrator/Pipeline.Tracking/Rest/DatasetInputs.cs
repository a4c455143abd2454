namespace Pipeline.Tracking.Rest;

/// <summary>Maps <see cref="TrackedDataset"/> to MLflow's DatasetInput wire message.</summary>
internal static class DatasetInputs
{
    public static MlflowDatasetInput ToRest(TrackedDataset dataset) =>
        new(
            [new MlflowKeyValue(TrackedDataset.ContextTag, dataset.Context)],
            new MlflowDataset(dataset.Name, dataset.StoredDigest, TrackedDataset.SourceType, dataset.Source, dataset.Schema, null));
}
