using Pipeline.Stages.Report.Inputs;

namespace Pipeline.Stages.Report.Tests.Inputs;

public sealed class NetworkReferencesTests
{
    [Theory]
    [InlineData("<script src=\"https://cdn.example.org/x.js\"></script>")]
    [InlineData("<link href='//fonts.example.org/a.css'>")]
    [InlineData("<style>body{background:url(http://x.org/a.png)}</style>")]
    [InlineData("<style>@import 'https://x.org/a.css';</style>")]
    [InlineData("<script>fetch(\"https://x.org/data.json\")</script>")]
    public void Loads_from_the_network_are_found(string html) => Assert.NotEmpty(NetworkReferences.Find(html));

    [Theory]
    [InlineData("<svg xmlns=\"http://www.w3.org/2000/svg\"></svg>")]
    [InlineData("<a href=\"#eval\">eval</a><img src=\"data:image/png;base64,AAAA\">")]
    [InlineData("<script>const note = 'see https://example.org';</script>")]
    public void Namespaces_anchors_and_data_uris_are_not_loads(string html) => Assert.Empty(NetworkReferences.Find(html));
}
