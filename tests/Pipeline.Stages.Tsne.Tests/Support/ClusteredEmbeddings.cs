using Parquet;
using Parquet.Schema;

namespace Pipeline.Stages.Tsne.Tests.Support;

/// <summary>
/// Writes a small <c>embeddings.parquet</c> in the embed stage's schema: well-separated Gaussian clusters, one per class,
/// rows shuffled and split over several row groups.
/// </summary>
public static class ClusteredEmbeddings
{
    public static readonly string[] ClassNames = ["cat", "dog", "car", "ship"];

    public static readonly string[] SuperclassOfClass = ["animal", "animal", "vehicle", "vehicle"];

    /// <summary>How the feature and integer columns are stored, to check the reader takes what a writer may choose.</summary>
    public enum Encoding
    {
        Float32Required,
        Float64Nullable,
    }

    public static async Task<string> WriteAsync(
        string directory,
        int perClass = 50,
        int dimensions = 32,
        int rowGroups = 3,
        int seed = 1,
        Encoding encoding = Encoding.Float32Required)
    {
        Directory.CreateDirectory(directory);
        var random = new Random(seed);
        var classes = ClassNames.Length;
        var count = classes * perClass;
        var centres = new double[classes, dimensions];
        for (var c = 0; c < classes; c++)
        {
            for (var j = 0; j < dimensions; j++)
            {
                centres[c, j] = Gaussian(random) * 10;
            }
        }

        var labels = Enumerable.Range(0, count).Select(i => i % classes).ToArray();
        random.Shuffle(labels);
        var features = new float[count, dimensions];
        for (var i = 0; i < count; i++)
        {
            for (var j = 0; j < dimensions; j++)
            {
                features[i, j] = (float)(centres[labels[i], j] + Gaussian(random));
            }
        }

        var wide = encoding == Encoding.Float64Nullable;
        var fields = new List<DataField>
        {
            wide ? new DataField<long?>("index") : new DataField<int>("index"),
            new DataField<string>("split"),
            wide ? new DataField<long?>("label") : new DataField<int>("label"),
            new DataField<string>("class_name"),
            new DataField<string>("superclass"),
        };
        fields.AddRange(Enumerable.Range(0, dimensions).Select(j => wide ? (DataField)new DataField<double?>($"f{j:000}") : new DataField<float>($"f{j:000}")));
        var schema = new ParquetSchema(fields);

        var path = Path.Combine(directory, "embeddings.parquet");
        await using var stream = File.Create(path);
        await using var writer = await ParquetWriter.CreateAsync(schema, stream);
        var size = (count + rowGroups - 1) / rowGroups;
        for (var start = 0; start < count; start += size)
        {
            var rows = Enumerable.Range(start, Math.Min(size, count - start)).ToArray();
            using var group = writer.CreateRowGroup();
            if (wide)
            {
                await group.WriteAsync<long>(fields[0], rows.Select(r => (long?)r).ToArray());
            }
            else
            {
                await group.WriteAsync<int>(fields[0], rows);
            }

            await group.WriteAsync(fields[1], rows.Select(_ => "test").ToArray());
            if (wide)
            {
                await group.WriteAsync<long>(fields[2], rows.Select(r => (long?)labels[r]).ToArray());
            }
            else
            {
                await group.WriteAsync<int>(fields[2], rows.Select(r => labels[r]).ToArray());
            }

            await group.WriteAsync(fields[3], rows.Select(r => ClassNames[labels[r]]).ToArray());
            await group.WriteAsync(fields[4], rows.Select(r => SuperclassOfClass[labels[r]]).ToArray());
            for (var j = 0; j < dimensions; j++)
            {
                if (wide)
                {
                    await group.WriteAsync<double>(fields[5 + j], rows.Select(r => (double?)features[r, j]).ToArray());
                }
                else
                {
                    await group.WriteAsync<float>(fields[5 + j], rows.Select(r => features[r, j]).ToArray());
                }
            }
        }

        return path;
    }

    private static double Gaussian(Random random) =>
        Math.Sqrt(-2 * Math.Log(1 - random.NextDouble())) * Math.Cos(2 * Math.PI * random.NextDouble());
}
