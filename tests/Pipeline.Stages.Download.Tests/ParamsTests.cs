using Pipeline.Stages.Download.Sources;

namespace Pipeline.Stages.Download.Tests;

public sealed class ParamsTests
{
    [Fact]
    public void Defaults_are_valid_and_check_the_official_md5()
    {
        var parameters = new DownloadStl10Params();

        Assert.Empty(parameters.Validate());
        Assert.Equal("91f7769df0f17e558f3565bffb0c7dfb", parameters.ExpectedMd5());
    }

    [Fact]
    public void Another_url_has_no_default_checksum()
    {
        Assert.Null(new DownloadStl10Params { Url = "https://mirror.example/stl10.tar.gz" }.ExpectedMd5());
        Assert.Null(new DownloadStl10Params { Sha256 = new string('b', 64) }.ExpectedMd5());
    }

    [Fact]
    public void Every_problem_is_reported_with_its_key()
    {
        var parameters = new DownloadStl10Params
        {
            Url = "ftp://example.org/x.tar.gz",
            Md5 = "xyz",
            Sha256 = "12",
            Subset = new SubsetParams { Train = -1, Unlabeled = -5 },
        };

        var errors = parameters.Validate().ToList();

        Assert.Equal(["url", "md5", "sha256", "subset.unlabeled", "subset.train"], errors.Select(e => e.Key));
        Assert.Contains("ftp", errors[0].Message);
    }

    [Theory]
    [InlineData("synthetic:", ArchiveSourceKind.Synthetic)]
    [InlineData("http://host/a.tar.gz", ArchiveSourceKind.Http)]
    [InlineData("https://host/a.tar.gz", ArchiveSourceKind.Http)]
    [InlineData("file:///data/a.tar.gz", ArchiveSourceKind.File)]
    [InlineData("/data/a.tar.gz", ArchiveSourceKind.File)]
    [InlineData("data/a.tar.gz", ArchiveSourceKind.File)]
    public void Sources_are_recognised(string url, ArchiveSourceKind kind)
    {
        Assert.True(ArchiveSource.TryParse(url, out var source, out _));
        Assert.Equal(kind, source.Kind);
    }

    [Theory]
    [InlineData("https://user:pw@host/path/a.tar.gz?sig=abc#frag", "https://host/path/a.tar.gz?REDACTED")]
    [InlineData("http://host:8080/a.tar.gz", "http://host:8080/a.tar.gz")]
    [InlineData("file:///data/a.tar.gz", "/data/a.tar.gz")]
    public void Urls_are_redacted_before_logging(string url, string expected) =>
        Assert.Equal(expected, UrlRedactor.Redact(url));
}
