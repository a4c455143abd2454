using System.ComponentModel.DataAnnotations;
using Pipeline.Data.Stl10;
using Pipeline.Stages.Abstractions;

namespace Pipeline.Stages.AugmentPreview;

/// <summary>Params of <c>augment-preview</c>: how many images, from which split, at what size, under which augmentation variants.</summary>
public sealed class AugmentPreviewParams : IValidatableParams
{
    /// <summary>Images drawn (with the pipeline seed) and shown in each grid.</summary>
    [Range(1, 256)]
    public int Samples { get; init; } = 9;

    /// <summary>The dataset split to draw from: train, test or unlabeled.</summary>
    public string Split { get; init; } = Stl10Format.Unlabeled;

    /// <summary>Side of the augmented views in pixels.</summary>
    [Range(8, 1024)]
    public int InputSize { get; init; } = 96;

    /// <summary>
    /// Variant name (the PNG's name) to its knobs. The default reproduces the reference experiment: <c>default</c>
    /// (lightly's defaults), <c>strong_color</c> (cj_strength 0.8, no blur) and <c>weak_color</c> (cj_strength 0.1, no blur).
    /// </summary>
    public IReadOnlyDictionary<string, AugmentVariant> Variants { get; init; } = new Dictionary<string, AugmentVariant>
    {
        ["default"] = new(),
        ["strong_color"] = new() { CjStrength = 0.8, GaussianBlur = 0 },
        ["weak_color"] = new() { CjStrength = 0.1, GaussianBlur = 0 },
    };

    /// <inheritdoc />
    public IEnumerable<ParamError> Validate()
    {
        if (!Stl10Format.Splits.Contains(Split))
        {
            yield return new ParamError("split", $"unknown split '{Split}'; use one of {string.Join(", ", Stl10Format.Splits)}");
        }

        if (Variants is null || Variants.Count == 0)
        {
            yield return new ParamError("variants", "name at least one variant, for example 'default: {}'");
            yield break;
        }

        foreach (var (name, variant) in Variants.OrderBy(v => v.Key, StringComparer.Ordinal))
        {
            if (!IsFileName(name))
            {
                yield return new ParamError($"variants.{name}", "a variant name becomes a file name: use letters, digits, '_', '-' and '.', not starting with '.'");
            }

            foreach (var error in (variant ?? new AugmentVariant()).ToOptions(InputSize).Validate())
            {
                yield return new ParamError($"variants.{name}", error);
            }
        }
    }

    private static bool IsFileName(string name) =>
        name.Length is > 0 and <= 100 && name[0] != '.' && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');
}
