using System.Text.RegularExpressions;
using SixLabors.ImageSharp;

namespace Pipeline.Stages.Report.Tests.Support;

/// <summary>Static checks on report.html that need no browser: no network references, every image an inline PNG.</summary>
public static partial class HtmlChecks
{
    /// <summary>src/href/url() values that point at the network (http:, https:, protocol-relative //).</summary>
    public static IReadOnlyList<string> NetworkReferences(string html) =>
        NetworkPattern().Matches(html).Select(m => m.Value).ToList();

    /// <summary>The src of every &lt;img&gt;, including those inside the escaped srcdoc of an iframe.</summary>
    public static IReadOnlyList<string> ImageSources(string html) =>
        ImgPattern().Matches(System.Net.WebUtility.HtmlDecode(html)).Select(m => m.Groups["src"].Value).ToList();

    /// <summary>Asserts that <paramref name="src"/> is a data: URI holding a PNG that decodes, and returns its size.</summary>
    public static Size AssertPngDataUri(string src)
    {
        const string prefix = "data:image/png;base64,";
        Assert.StartsWith(prefix, src, StringComparison.Ordinal);
        var bytes = Convert.FromBase64String(src[prefix.Length..]);
        Assert.True(bytes.AsSpan().StartsWith(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG signature");
        using var image = Image.Load(bytes);
        return image.Size();
    }

    [GeneratedRegex("""(?:\b(?:src|href|srcset|poster|action)\s*=\s*(?:&quot;|["'])?\s*(?:https?:|//)[^\s"'>]*)|(?:url\(\s*["']?\s*(?:https?:|//))|//cdn""", RegexOptions.IgnoreCase)]
    private static partial Regex NetworkPattern();

    [GeneratedRegex("""<img\b[^>]*?\bsrc\s*=\s*["'](?<src>[^"']*)["']""", RegexOptions.IgnoreCase)]
    private static partial Regex ImgPattern();
}
