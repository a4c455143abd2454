using Parquet;
using Pipeline.Data.Stl10;
using Pipeline.Ml.Backbones;
using Pipeline.Stages.Abstractions;
using Pipeline.Stages.Embed.Tests.Support;
using static TorchSharp.torch;

namespace Pipeline.Stages.Embed.Tests;

public sealed class EmbedStageTests(EmbedInputs inputs) : IClassFixture<EmbedInputs>
{
    [Fact]
    public async Task Writes_one_row_per_image_with_metadata_and_512_feature_columns_in_batch_sized_row_groups()
    {
        using var run = await EmbedRun.ExecuteAsync(inputs, new EmbedParams { Splits = ["test", "unlabeled"], BatchSize = 8 });

        await using var stream = File.OpenRead(run.TablePath);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var names = reader.Schema.DataFields.Select(f => f.Name).ToList();
        Assert.Equal(["index", "split", "label", "class_name", "superclass"], names.Take(5));
        Assert.Equal(Enumerable.Range(0, 512).Select(i => $"f{i:D3}"), names.Skip(5));
        Assert.Equal(typeof(float), reader.Schema.DataFields[5].ClrType);
        Assert.Equal(4 + 2, reader.RowGroupCount);
        var rows = await ReadMetadataAsync(reader);
        Assert.Equal(EmbedInputs.TestCount + EmbedInputs.UnlabeledCount, rows.Count);
        Assert.Equal(Enumerable.Range(0, EmbedInputs.TestCount).Concat(Enumerable.Range(0, EmbedInputs.UnlabeledCount)), rows.Select(r => r.Index));
        Assert.Equal(EmbedInputs.TestCount, rows.Count(r => r.Split == "test"));
        Assert.All(rows.Where(r => r.Split == "unlabeled"), r => Assert.Equal((-1, "", ""), (r.Label, r.ClassName, r.Superclass)));
        Assert.Equal(EmbedInputs.TestCount + EmbedInputs.UnlabeledCount, run.Reporter.Summaries["rows"]);
    }

    [Fact]
    public async Task Labels_class_names_and_stl10_superclasses_match_the_dataset()
    {
        using var run = await EmbedRun.ExecuteAsync(inputs, new EmbedParams());

        await using var stream = File.OpenRead(run.TablePath);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var rows = await ReadMetadataAsync(reader);
        using var split = Stl10DatasetReader.Open(inputs.DatasetDirectory).OpenSplit("test");
        Assert.Equal(EmbedInputs.TestCount, rows.Count);
        foreach (var row in rows)
        {
            Assert.Equal("test", row.Split);
            Assert.Equal(split.Label(row.Index), row.Label);
            Assert.Equal(Stl10Format.ClassNames[row.Label], row.ClassName);
            var expected = row.ClassName is "airplane" or "car" or "ship" or "truck" ? "vehicle" : "animal";
            Assert.Equal(expected, row.Superclass);
        }
    }

    [Fact]
    public async Task A_rows_features_equal_a_direct_forward_of_its_image()
    {
        using var run = await EmbedRun.ExecuteAsync(inputs, new EmbedParams { BatchSize = 7 });
        const int row = 11;

        var stored = await ReadFeaturesAsync(run.TablePath, row);

        var (backbone, _) = EncoderArtifact.Load(inputs.EncoderDirectory);
        using (backbone)
        {
            backbone.eval();
            using var noGrad = no_grad();
            using var x = tensor(HandNormalisedImage(row), [1, 3, 32, 32]);
            using var direct = backbone.call(x);
            var expected = direct.data<float>().ToArray();
            Assert.Equal(512, stored.Length);
            for (var d = 0; d < 512; d++)
            {
                Assert.True(Math.Abs(expected[d] - stored[d]) <= 1e-5 * Math.Max(1, Math.Abs(expected[d])), $"f{d:D3}: direct {expected[d]}, stored {stored[d]}");
            }
        }
    }

    [Fact]
    public async Task Max_images_caps_each_split()
    {
        using var run = await EmbedRun.ExecuteAsync(inputs, new EmbedParams { Splits = ["train", "test"], MaxImages = 5 });

        await using var stream = File.OpenRead(run.TablePath);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var rows = await ReadMetadataAsync(reader);
        Assert.Equal(["train", "train", "train", "train", "train", "test", "test", "test", "test", "test"], rows.Select(r => r.Split));
        Assert.Equal(5, run.Reporter.Summaries["train_rows"]);
    }

    [Fact]
    public async Task An_unknown_split_fails_naming_it_and_the_splits_that_exist()
    {
        var error = await Assert.ThrowsAsync<StageFailedException>(() => EmbedRun.ExecuteAsync(inputs, new EmbedParams { Splits = ["validation"] }));

        Assert.Contains("'validation'", error.Message);
        Assert.Contains("train, test, unlabeled", error.Message);
    }

    /// <summary>Image <paramref name="index"/> of the test split as (x / 255 - mean) / std, written out by hand.</summary>
    private float[] HandNormalisedImage(int index)
    {
        using var split = Stl10DatasetReader.Open(inputs.DatasetDirectory).OpenSplit("test");
        var bytes = new byte[3 * 32 * 32];
        split.ReadImage(index, bytes.AsSpan());
        var values = new float[bytes.Length];
        for (var i = 0; i < bytes.Length; i++)
        {
            var c = i / (32 * 32);
            values[i] = (float)(((bytes[i] / 255.0) - EmbedInputs.Encoder.NormalizeMean[c]) / EmbedInputs.Encoder.NormalizeStd[c]);
        }
        return values;
    }

    private static async Task<float[]> ReadFeaturesAsync(string path, int row)
    {
        await using var stream = File.OpenRead(path);
        await using var reader = await ParquetReader.CreateAsync(stream);
        var features = new float[512];
        var offset = 0;
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            if (row < offset + count)
            {
                var column = new float[count];
                for (var d = 0; d < 512; d++)
                {
                    await group.ReadAsync<float>(reader.Schema.DataFields[5 + d], column.AsMemory());
                    features[d] = column[row - offset];
                }
                return features;
            }
            offset += count;
        }
        throw new ArgumentOutOfRangeException(nameof(row));
    }

    private static async Task<List<(int Index, string Split, int Label, string ClassName, string Superclass)>> ReadMetadataAsync(ParquetReader reader)
    {
        var fields = reader.Schema.DataFields;
        var rows = new List<(int, string, int, string, string)>();
        for (var g = 0; g < reader.RowGroupCount; g++)
        {
            using var group = reader.OpenRowGroupReader(g);
            var count = (int)group.RowCount;
            var index = new int[count];
            var split = new string?[count];
            var label = new int[count];
            var className = new string?[count];
            var superclass = new string?[count];
            await group.ReadAsync<int>(fields[0], index.AsMemory());
            await group.ReadAsync(fields[1], split.AsMemory());
            await group.ReadAsync<int>(fields[2], label.AsMemory());
            await group.ReadAsync(fields[3], className.AsMemory());
            await group.ReadAsync(fields[4], superclass.AsMemory());
            for (var i = 0; i < count; i++)
            {
                rows.Add((index[i], split[i]!, label[i], className[i]!, superclass[i]!));
            }
        }
        return rows;
    }
}
