using Pipeline.Engine.Caching;
using Pipeline.Engine.Tests.Fakes;

namespace Pipeline.Engine.Tests.Caching;

public sealed class ArtifactsFolderCheckTests : IDisposable
{
    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public void A_missing_folder_or_an_existing_one_is_fine()
    {
        Assert.Null(ArtifactsFolderCheck.Problem(Path.Combine(_dir.Path, "new", "artifacts")));
        Assert.Null(ArtifactsFolderCheck.Problem(_dir.Path));
    }

    [Fact]
    public void A_regular_file_is_refused()
    {
        var file = _dir.File("artifacts", "x");
        Assert.Contains("is a file, not a folder", ArtifactsFolderCheck.Problem(file));
    }

    [Fact]
    public void A_path_under_a_regular_file_is_refused_naming_the_file()
    {
        var file = _dir.File("blocker", "x");
        var problem = ArtifactsFolderCheck.Problem(Path.Combine(file, "deeper", "artifacts"));
        Assert.Contains($"under '{file}', which is a file", problem);
    }
}
