using Pipeline.TestSupport;

namespace Pipeline.Data.Tests;

public sealed class DatasetInfoTests
{
    [Fact]
    public void Save_and_load_round_trip_with_snake_case_keys()
    {
        using var dir = new TempDirectory();
        var info = DatasetInfo.ForStl10(new Dictionary<string, int> { ["train"] = 5000, ["test"] = 8000, ["unlabeled"] = 100000 });

        info.Save(dir.Path);
        var json = File.ReadAllText(dir.Combine(DatasetInfo.FileName));
        var back = DatasetInfo.Load(dir.Path);

        Assert.Contains("\"class_names\"", json);
        Assert.Contains("\"format\": \"stl10-binary\"", json);
        Assert.Equal(info.ClassNames, back.ClassNames);
        Assert.Equal(["bird", "cat", "deer", "dog", "horse", "monkey"], back.Superclasses["animal"]);
        Assert.Equal(["airplane", "car", "ship", "truck"], back.Superclasses["vehicle"]);
        Assert.Equal(100000, back.Splits["unlabeled"]);
        Assert.Equal(new ImageShape(3, 96, 96), back.Shape);
    }

    [Fact]
    public void Missing_file_means_STL10_with_counts_from_file_sizes()
    {
        using var dir = new TempDirectory();
        File.WriteAllBytes(dir.Combine("test_X.bin"), new byte[3 * 27648]);

        var info = DatasetInfo.Load(dir.Path);

        Assert.Equal(3, info.Splits["test"]);
        Assert.False(info.Splits.ContainsKey("train"));
        Assert.Equal("airplane", info.ClassNames[0]);
    }
}
