using System.Text;
using System.Text.Json;
using Pipeline.Ml.SimClr;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Pretrain.History;
using TorchSharp;
using TorchSharp.Modules;
using static TorchSharp.torch;

namespace Pipeline.Stages.Pretrain.Checkpoints;

/// <summary>
/// One resumable checkpoint file, written atomically (temporary name, flush, rename), so a crash at any moment
/// leaves either the previous checkpoint or the new one. It holds, in order: a header with the progress and the
/// params it was made with (JSON), the model's state (parameters and BatchNorm buffers), the optimiser's state
/// (momentum or Adam moments), the augmentation generator's state (mid-epoch only), torch's default generator
/// state, and the history rows.
/// </summary>
internal static class CheckpointFile
{
    /// <summary>The file name inside the checkpoint directory and the <c>checkpoint</c> output.</summary>
    public const string FileName = "simclr-pretrain.ckpt";

    private const string Magic = "pipeline/simclr-pretrain-checkpoint";
    private const int FormatVersion = 1;
    private static readonly JsonSerializerOptions Json = new() { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };

    /// <summary>Writes a checkpoint to <paramref name="path"/>.</summary>
    public static void Save(string path, SimClrModel model, OptimizerHelper optimizer, TrainingProgress progress, string paramsJson)
    {
        AtomicFile.Write(path, stream =>
        {
            using var writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
            writer.Write(Magic);
            writer.Write(FormatVersion);
            writer.Write(JsonSerializer.Serialize(Header.From(progress, paramsJson), Json));
            model.save(writer);
            optimizer.save_state_dict(writer);
            WriteBytes(writer, progress.AugmentRngState);
            using (var generator = Generator.Default)
            using (var state = generator.get_state())
            {
                WriteBytes(writer, state.bytes.ToArray());
            }
            writer.Write(progress.History.Count);
            foreach (var row in progress.History)
            {
                writer.Write(row.Step);
                writer.Write(row.Epoch);
                writer.Write(row.Loss);
                writer.Write(row.Lr);
                writer.Write(row.ImagesPerSecond);
            }
            writer.Write(progress.EpochImagesPerSecond.Count);
            foreach (var value in progress.EpochImagesPerSecond)
            {
                writer.Write(value);
            }
            writer.Write(Magic);
        });
    }

    /// <summary>Loads the checkpoint at <paramref name="path"/> into <paramref name="model"/> and <paramref name="optimizer"/>.</summary>
    /// <exception cref="InvalidDataException">The file is not a complete checkpoint of this format.</exception>
    public static TrainingProgress Load(string path, SimClrModel model, OptimizerHelper optimizer)
    {
        using var stream = File.OpenRead(path);
        using var reader = new BinaryReader(stream, Encoding.UTF8);
        try
        {
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path} is not a simclr-pretrain checkpoint");
            }
            var version = reader.ReadInt32();
            if (version != FormatVersion)
            {
                throw new InvalidDataException($"{path} has checkpoint format {version}; this version reads {FormatVersion}");
            }
            var header = JsonSerializer.Deserialize<Header>(reader.ReadString(), Json) ?? throw new InvalidDataException($"{path}: empty header");
            model.load(reader);
            optimizer.load_state_dict(reader);
            var augmentState = ReadBytes(reader);
            var globalState = ReadBytes(reader);
            if (globalState is not null)
            {
                using var generator = Generator.Default;
                using var state = torch.tensor(globalState, ScalarType.Byte);
                generator.set_state(state);
            }
            var rows = new HistoryRow[reader.ReadInt32()];
            for (var i = 0; i < rows.Length; i++)
            {
                rows[i] = new HistoryRow(reader.ReadInt64(), reader.ReadInt32(), reader.ReadDouble(), reader.ReadDouble(), reader.ReadDouble());
            }
            var epochRates = new double[reader.ReadInt32()];
            for (var i = 0; i < epochRates.Length; i++)
            {
                epochRates[i] = reader.ReadDouble();
            }
            if (reader.ReadString() != Magic)
            {
                throw new InvalidDataException($"{path} does not end with the checkpoint trailer");
            }
            return header.ToProgress(rows, epochRates, augmentState);
        }
        catch (EndOfStreamException ex)
        {
            throw new InvalidDataException($"{path} is truncated", ex);
        }
    }

    /// <summary>Reads only the header's JSON text (for <c>checkpoint.json</c> and diagnostics).</summary>
    public static string ReadHeaderJson(string path)
    {
        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        _ = reader.ReadString();
        _ = reader.ReadInt32();
        return reader.ReadString();
    }

    private static void WriteBytes(BinaryWriter writer, byte[]? bytes)
    {
        writer.Write(bytes?.Length ?? -1);
        if (bytes is not null)
        {
            writer.Write(bytes);
        }
    }

    private static byte[]? ReadBytes(BinaryReader reader)
    {
        var length = reader.ReadInt32();
        return length < 0 ? null : reader.ReadBytes(length);
    }

    private sealed record Header(int Epoch, int StepInEpoch, long GlobalStep, double EpochLossSum, double EpochSeconds, string Params)
    {
        public static Header From(TrainingProgress p, string paramsJson) =>
            new(p.Epoch, p.StepInEpoch, p.GlobalStep, p.EpochLossSum, p.EpochSeconds, paramsJson);

        public TrainingProgress ToProgress(IReadOnlyList<HistoryRow> rows, IReadOnlyList<double> epochRates, byte[]? augmentState) => new()
        {
            Epoch = Epoch,
            StepInEpoch = StepInEpoch,
            GlobalStep = GlobalStep,
            EpochLossSum = EpochLossSum,
            EpochSeconds = EpochSeconds,
            History = rows,
            EpochImagesPerSecond = epochRates,
            AugmentRngState = augmentState,
        };
    }
}
