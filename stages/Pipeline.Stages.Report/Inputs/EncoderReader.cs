using System.Text.Json;
using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Inputs;

/// <summary>Reads encoder.json as a list of facts (nested keys dotted, short arrays joined).</summary>
internal static class EncoderReader
{
    /// <summary>Fills <see cref="ReportModel.EncoderFacts"/> from <paramref name="directory"/>.</summary>
    public static void Load(ReportModel model, string directory)
    {
        var path = Path.Combine(directory, ReportInputs.EncoderFile);
        if (!File.Exists(path))
        {
            model.Notes.Add(ReportSections.Pretrain, $"{ReportInputs.Encoder}/{ReportInputs.EncoderFile} is missing");
            return;
        }

        using var document = JsonDocument.Parse(File.ReadAllBytes(path));
        model.EncoderFacts.AddRange(JsonFacts.Flatten(document.RootElement));
    }
}
