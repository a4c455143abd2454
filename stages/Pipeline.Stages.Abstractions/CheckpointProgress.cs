using System.Globalization;
using System.Text.Json;

namespace Pipeline.Stages.Abstractions;

/// <summary>
/// How far a stage's checkpoint has got, in <c>progress.json</c> beside it in the checkpoint folder: the engine
/// reads it to say <c>resuming from checkpoint (epoch E, step S)</c> in <c>plan</c> and in the run's output.
/// </summary>
public static class CheckpointProgress
{
    /// <summary>The file name inside the checkpoint folder.</summary>
    public const string FileName = "progress.json";

    /// <summary>Records that the checkpoint in <paramref name="checkpointDirectory"/> resumes at <paramref name="epoch"/> (1-based) and global step <paramref name="step"/>.</summary>
    public static void Write(string checkpointDirectory, int epoch, long step) =>
        AtomicFile.WriteAllText(Path.Combine(checkpointDirectory, FileName), JsonSerializer.Serialize(new Record(epoch, step)));

    /// <summary>A short description of the checkpoint, e.g. <c>epoch 3, step 1200</c>; null when none was recorded.</summary>
    public static string? Describe(string checkpointDirectory)
    {
        try
        {
            var path = Path.Combine(checkpointDirectory, FileName);
            if (!File.Exists(path) || JsonSerializer.Deserialize<Record>(File.ReadAllText(path)) is not { } r)
            {
                return null;
            }

            return string.Create(CultureInfo.InvariantCulture, $"epoch {r.Epoch}, step {r.Step}");
        }
        catch (Exception e) when (e is JsonException or IOException)
        {
            return null;
        }
    }

    private sealed record Record(int Epoch, long Step);
}
