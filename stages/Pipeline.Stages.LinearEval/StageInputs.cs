using Pipeline.Data.Stl10;
using Pipeline.Ml.Backbones;
using Pipeline.Ml.Eval;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.LinearEval;

/// <summary>Opens the stage's inputs, turning format problems into <see cref="StageFailedException"/>s that name the input.</summary>
internal static class StageInputs
{
    public static Stl10SplitReader OpenLabelledSplit(Stl10DatasetReader dataset, string split)
    {
        if (!dataset.HasSplit(split))
        {
            throw new StageFailedException($"input 'dataset' ({dataset.Directory}) has no '{split}' split; linear-eval needs labelled train and test splits");
        }
        Stl10SplitReader? reader = null;
        try
        {
            reader = dataset.OpenSplit(split);
            if (!reader.HasLabels)
            {
                throw new StageFailedException($"input 'dataset': split '{split}' has no labels file");
            }
            if (reader.Count == 0)
            {
                throw new StageFailedException($"input 'dataset': split '{split}' is empty");
            }
            foreach (var label in reader.Labels)
            {
                if (label >= dataset.Info.ClassNames.Count)
                {
                    throw new StageFailedException($"input 'dataset': split '{split}' has label {label + 1} but dataset.json lists {dataset.Info.ClassNames.Count} classes");
                }
            }
            return reader;
        }
        catch (Exception ex) when (ex is IOException or InvalidDataException)
        {
            reader?.Dispose();
            throw new StageFailedException($"input 'dataset': split '{split}': {ex.Message}", ex);
        }
        catch
        {
            reader?.Dispose();
            throw;
        }
    }

    public static ImagePreprocessor Preprocessor(EncoderInfo info, int datasetChannels)
    {
        try
        {
            return new ImagePreprocessor(info, datasetChannels);
        }
        catch (ArgumentException ex)
        {
            throw new StageFailedException($"the encoder and the dataset do not fit together: {ex.Message}", ex);
        }
    }
}
