using Pipeline.Data.Stl10;
using Pipeline.Ml.Backbones;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Ml.Eval;

/// <summary>
/// Opens the inputs the evaluation stages share (an encoder, a dataset), turning format problems into
/// <see cref="StageFailedException"/>s that name the input.
/// </summary>
public static class EvalInputs
{
    /// <summary>Loads the encoder artifact in <paramref name="directory"/>.</summary>
    public static (ResNet18Backbone Backbone, EncoderInfo Info) LoadEncoder(string directory)
    {
        try
        {
            return EncoderArtifact.Load(directory);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException or System.Text.Json.JsonException or ArgumentException)
        {
            throw new StageFailedException($"input 'encoder' ({directory}): {ex.Message}", ex);
        }
    }

    /// <summary>Opens the dataset artifact in <paramref name="directory"/>.</summary>
    public static Stl10DatasetReader OpenDataset(string directory)
    {
        try
        {
            return Stl10DatasetReader.Open(directory);
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            throw new StageFailedException($"input 'dataset' ({directory}): {ex.Message}", ex);
        }
    }
}
