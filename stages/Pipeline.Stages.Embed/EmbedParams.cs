using System.ComponentModel.DataAnnotations;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.Embed;

/// <summary>Params of <c>embed</c>: which splits to embed, batch size, device, and an optional cap per split.</summary>
public sealed class EmbedParams : IValidatableParams
{
    /// <summary>Splits to embed, in output order: any of <c>train</c>, <c>test</c>, <c>unlabeled</c>.</summary>
    public IReadOnlyList<string> Splits { get; init; } = ["test"];

    /// <summary>Images per encoder forward; also rows per Parquet row group.</summary>
    [Range(1, 65_536)]
    public int BatchSize { get; init; } = 256;

    /// <summary><c>cpu</c> or <c>cuda</c> (needs a CUDA build: -p:TorchDevice=cuda).</summary>
    [Operational]
    public string Device { get; init; } = "cpu";

    /// <summary>Intra-op CPU threads; 0 keeps libtorch's default.</summary>
    [Range(0, 1024)]
    [Operational]
    public int Threads { get; init; }

    /// <summary>At most this many images per split (the first ones, in split order); null for all.</summary>
    public int? MaxImages { get; init; }

    /// <inheritdoc />
    public IEnumerable<ParamError> Validate()
    {
        if (Splits is null || Splits.Count == 0)
        {
            yield return new ParamError("splits", "list at least one split, e.g. [test]");
        }
        else
        {
            for (var i = 0; i < Splits.Count; i++)
            {
                if (string.IsNullOrWhiteSpace(Splits[i]))
                {
                    yield return new ParamError($"splits.{i}", "is empty");
                }
                else if (Splits.Take(i).Contains(Splits[i]))
                {
                    yield return new ParamError($"splits.{i}", $"'{Splits[i]}' is listed twice");
                }
            }
        }
        if (BatchSize < 1)
        {
            yield return new ParamError("batch_size", $"must be at least 1, got {BatchSize}");
        }
        if (Device is not ("cpu" or "cuda"))
        {
            yield return new ParamError("device", $"must be 'cpu' or 'cuda', got '{Device}'");
        }
        if (Threads < 0)
        {
            yield return new ParamError("threads", $"must be 0 (libtorch default) or more, got {Threads}");
        }
        if (MaxImages is < 1)
        {
            yield return new ParamError("max_images", $"must be at least 1 when given, got {MaxImages}");
        }
    }
}
