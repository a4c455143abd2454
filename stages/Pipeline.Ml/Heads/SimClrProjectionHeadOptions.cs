namespace Pipeline.Ml.Heads;

/// <summary>Sizes of the SimCLR projection head (lightly's <c>SimCLRProjectionHead</c> arguments).</summary>
/// <param name="InputDimension">Backbone feature width (512 for ResNet-18).</param>
/// <param name="HiddenDimension">Width of the hidden layer(s).</param>
/// <param name="OutputDimension">Width of the projection the loss sees (128 in the paper).</param>
/// <param name="Layers">Number of linear layers, at least 2 (SimCLR v1 uses 2, v2 uses 3).</param>
/// <param name="BatchNorm">BatchNorm1d after each hidden linear layer (lightly's default); those linears then have no bias.</param>
public sealed record SimClrProjectionHeadOptions(
    int InputDimension = 512,
    int HiddenDimension = 512,
    int OutputDimension = 128,
    int Layers = 2,
    bool BatchNorm = true)
{
    /// <summary>Every problem with these options, empty when they are valid.</summary>
    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>();
        if (InputDimension < 1)
        {
            errors.Add($"{nameof(InputDimension)} must be at least 1 (got {InputDimension}).");
        }
        if (HiddenDimension < 1)
        {
            errors.Add($"{nameof(HiddenDimension)} must be at least 1 (got {HiddenDimension}).");
        }
        if (OutputDimension < 1)
        {
            errors.Add($"{nameof(OutputDimension)} must be at least 1 (got {OutputDimension}).");
        }
        if (Layers < 2)
        {
            errors.Add($"{nameof(Layers)} must be at least 2 (got {Layers}).");
        }
        return errors;
    }
}
