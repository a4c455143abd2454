using System.Text.Json;
using Pipeline.Stages.Abstractions;
using TorchSharp.Modules;

namespace Pipeline.Stages.LinearEval;

/// <summary>
/// The <c>classifier</c> output: <c>classifier.dat</c> (the linear layer's <c>weight</c> [classes, D] and <c>bias</c>
/// [classes], TorchSharp <c>Module.save</c> format) and <c>classifier.json</c> (classes, feature dimension, best epoch,
/// test top-1). Rebuild with <c>nn.Linear(feature_dimension, classes.Count)</c> and <c>load</c>.
/// </summary>
public static class ClassifierArtifact
{
    /// <summary>The weights file.</summary>
    public const string WeightsFile = "classifier.dat";

    /// <summary>The description file.</summary>
    public const string InfoFile = "classifier.json";

    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower, WriteIndented = true };

    /// <summary>Writes both files into <paramref name="directory"/>, each under a temporary name first.</summary>
    public static void Save(string directory, Linear classifier, ClassifierInfo info)
    {
        Directory.CreateDirectory(directory);
        var temp = AtomicFile.TempPathFor(Path.Combine(directory, WeightsFile));
        classifier.save(temp);
        File.Move(temp, Path.Combine(directory, WeightsFile), overwrite: true);
        AtomicFile.WriteAllText(Path.Combine(directory, InfoFile), JsonSerializer.Serialize(info, Json) + "\n");
    }

    /// <summary>Reads <c>classifier.json</c>.</summary>
    public static ClassifierInfo ReadInfo(string directory) =>
        JsonSerializer.Deserialize<ClassifierInfo>(File.ReadAllText(Path.Combine(directory, InfoFile)), Json)
            ?? throw new InvalidDataException($"{Path.Combine(directory, InfoFile)} is empty");
}
