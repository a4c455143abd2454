namespace Pipeline.Stages.Report.Model;

/// <summary>One encoder's test accuracy per class (fractions, NaN where the table has no row), in class order.</summary>
internal sealed record EncoderAccuracies(string Encoder, IReadOnlyList<double> Accuracy);
