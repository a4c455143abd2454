namespace Pipeline.Stages.Report.Model;

/// <summary>Per-class test accuracy of every probed encoder (pre-trained, random-init, raw pixels), for a grouped bar chart.</summary>
internal sealed record PerClassAccuracy(IReadOnlyList<string> Classes, IReadOnlyList<EncoderAccuracies> Encoders);
