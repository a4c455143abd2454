using Pipeline.Data.FashionMnist;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.FashionMnist;

/// <summary>Params of <c>fashion-mnist</c>: where the IDX files are, an optional subset, and what the unlabeled split holds.</summary>
public sealed class FashionMnistParams : IValidatableParams
{
    /// <summary>The folder holding the four IDX files (<c>.gz</c> or uncompressed); Debian's package puts them in the default.</summary>
    public string Directory { get; init; } = FashionMnistFormat.DefaultDirectory;

    /// <summary>Keep only part of each split; null keeps everything (60,000 train, 10,000 test).</summary>
    public SubsetParams? Subset { get; init; }

    /// <summary>
    /// Where the unlabeled split comes from. Fashion-MNIST has no unlabeled images, so by default (<c>train</c>) the
    /// unlabeled split is the train images without their labels, as SimCLR pre-training on Fashion-MNIST uses them;
    /// <c>train_and_test</c> adds the test images too.
    /// </summary>
    public UnlabeledSource UnlabeledFrom { get; init; } = UnlabeledSource.Train;

    /// <inheritdoc />
    public IEnumerable<ParamError> Validate()
    {
        if (string.IsNullOrWhiteSpace(Directory))
        {
            yield return new ParamError("directory", $"must name a folder, for example {FashionMnistFormat.DefaultDirectory}");
        }

        foreach (var (key, value) in new[] { ("unlabeled", Subset?.Unlabeled), ("train", Subset?.Train), ("test", Subset?.Test) })
        {
            if (value < 0)
            {
                yield return new ParamError($"subset.{key}", $"must be 0 or more, got {value}");
            }
        }

        if (!Enum.IsDefined(UnlabeledFrom))
        {
            yield return new ParamError("unlabeled_from", $"must be train or train_and_test, got {(int)UnlabeledFrom}");
        }
    }
}
