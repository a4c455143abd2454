using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Rendering;

/// <summary>Per-class accuracy as one row per class and one column per encoder, the same numbers as the grouped chart.</summary>
internal static class PerClassTable
{
    /// <summary>Columns "class", then each encoder; cells are percentages ("n/a" where an encoder has no row for the class).</summary>
    public static DataTable Pivot(PerClassAccuracy perClass) => new(
        ["class", .. perClass.Encoders.Select(e => e.Encoder)],
        perClass.Classes.Select((name, c) => (IReadOnlyList<string>)[name, .. perClass.Encoders.Select(e => Format.Percent(e.Accuracy[c]))]).ToList());
}
