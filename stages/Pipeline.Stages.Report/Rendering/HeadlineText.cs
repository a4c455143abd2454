using Pipeline.Stages.Report.Model;

namespace Pipeline.Stages.Report.Rendering;

/// <summary>The headline sentences both writers print: our margin over the best baseline of this run, per probe.</summary>
internal static class HeadlineText
{
    /// <summary>"Linear probe: +1.9 pp over the best baseline (raw pixels). Weighted k-NN: ...".</summary>
    public static string Verdict(IEnumerable<BaselineMargin> margins) =>
        string.Join(" ", margins.Select(m => $"{char.ToUpperInvariant(m.Probe[0])}{m.Probe[1..]}: {m.Describe()}."));

    /// <summary>The table cell for <paramref name="row"/>: the margin on our rows, a dash on the others.</summary>
    public static string VersusBestBaseline(HeadlineRow row, IEnumerable<BaselineMargin> margins)
    {
        if (row.IsReference)
        {
            return "reference only";
        }

        return row.Ours && margins.FirstOrDefault(m => m.Probe == row.Probe) is { } margin
            ? $"{Format.MarginPoints(margin.Margin)} ({margin.BestBaseline})"
            : "—";
    }
}
