namespace Pipeline.Stages.Report.Model;

/// <summary>
/// One probe's headline: our top-1 and its margin over the best baseline of this run (the higher of the random-init
/// encoder and raw pixels), all fractions.
/// </summary>
internal sealed record BaselineMargin(string Probe, double Ours, string BestBaseline, double BestBaselineTop1)
{
    /// <summary>Ours minus the best baseline, as a fraction (0.019 = 1.9 percentage points).</summary>
    public double Margin => Ours - BestBaselineTop1;

    /// <summary>"+1.9 pp over the best baseline (raw pixels)".</summary>
    public string Describe() => $"{Rendering.Format.MarginPoints(Margin)} over the best baseline ({BestBaseline})";
}
