using System.ComponentModel.DataAnnotations;

namespace Pipeline.Engine.Tests.Fakes;

public sealed class TextParams
{
    [Required]
    public string? Text { get; init; }

    [Range(1, 100)]
    public int Repeat { get; init; } = 1;

    [Range(0.0, double.MaxValue)]
    public double Lr { get; init; } = 0.06;

    public SubsetParams Subset { get; init; } = new();

    public bool WaitForCancel { get; init; }

    public bool Fail { get; init; }
}

public sealed class SubsetParams
{
    [Range(0, int.MaxValue)]
    public int Train { get; init; } = 10;
}
