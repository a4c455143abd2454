using System.ComponentModel.DataAnnotations;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Report;

/// <summary>Params of <c>report</c>: the page title and the reference result our test top-1 is shown beside.</summary>
public sealed class ReportParams : IValidatableParams
{
    /// <summary>The report's title (HTML title and first heading).</summary>
    public string Title { get; init; } = "SimCLR on STL-10";

    /// <summary>The reference experiment's linear-probe top-1 as a fraction (0.546 = 54.6%).</summary>
    [Range(0.0, 1.0)]
    public double ReferenceTop1 { get; init; } = 0.546;

    /// <summary>How the reference is labelled in tables and charts.</summary>
    public string ReferenceLabel { get; init; } = "reference experiment (lightly + PyTorch Lightning, 30 epochs)";

    /// <inheritdoc />
    public IEnumerable<ParamError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Title))
        {
            yield return new ParamError("title", "must not be empty");
        }

        if (string.IsNullOrWhiteSpace(ReferenceLabel))
        {
            yield return new ParamError("reference_label", "must not be empty");
        }
    }
}
