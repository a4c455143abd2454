using System.Text.Json;

namespace Pipeline.Ml.Backbones;

/// <summary>
/// Saves and loads an <c>encoder</c> artifact: a folder with <c>encoder.dat</c> (the backbone's state saved by
/// TorchSharp's <c>Module.save</c>) and <c>encoder.json</c> (<see cref="EncoderInfo"/>).
/// </summary>
public static class EncoderArtifact
{
    /// <summary>The weights file name.</summary>
    public const string WeightsFile = "encoder.dat";

    /// <summary>The description file name.</summary>
    public const string InfoFile = "encoder.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Writes <paramref name="backbone"/> and <paramref name="info"/> into <paramref name="directory"/> (temp names, then rename).</summary>
    public static void Save(string directory, ResNet18Backbone backbone, EncoderInfo info)
    {
        Directory.CreateDirectory(directory);
        var weights = Path.Combine(directory, WeightsFile);
        var temp = Path.Combine(directory, $".{WeightsFile}.{Guid.NewGuid():N}.tmp");
        backbone.save(temp);
        File.Move(temp, weights, overwrite: true);
        var infoTemp = Path.Combine(directory, $".{InfoFile}.{Guid.NewGuid():N}.tmp");
        File.WriteAllText(infoTemp, JsonSerializer.Serialize(info, Json));
        File.Move(infoTemp, Path.Combine(directory, InfoFile), overwrite: true);
    }

    /// <summary>Reads the description of the encoder in <paramref name="directory"/>.</summary>
    public static EncoderInfo ReadInfo(string directory)
    {
        var path = Path.Combine(directory, InfoFile);
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path} is missing: not an encoder artifact", path);
        }

        return JsonSerializer.Deserialize<EncoderInfo>(File.ReadAllText(path), Json) ?? throw new InvalidDataException($"{path} is empty");
    }

    /// <summary>Rebuilds the backbone described in <paramref name="directory"/> and loads its weights.</summary>
    public static (ResNet18Backbone Backbone, EncoderInfo Info) Load(string directory)
    {
        var info = ReadInfo(directory);
        if (info.Architecture is not ("resnet18" or "resnet"))
        {
            throw new InvalidDataException($"unsupported encoder architecture '{info.Architecture}' in {directory}");
        }

        var options = info.BackboneOptions;
        var errors = options.Validate();
        if (errors.Count > 0 || info.FeatureDimension != options.FeatureDimension)
        {
            throw new InvalidDataException(
                $"{Path.Combine(directory, InfoFile)} does not describe a valid backbone: " +
                string.Join(" ", errors.Append(info.FeatureDimension != options.FeatureDimension ? $"feature_dimension {info.FeatureDimension} is not 8 x width ({options.FeatureDimension})." : "").Where(e => e.Length > 0)));
        }
        var backbone = new ResNet18Backbone(options);
        backbone.load(Path.Combine(directory, WeightsFile));
        return (backbone, info);
    }
}
