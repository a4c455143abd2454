using CodeIdentityBuild;

namespace Pipeline.Engine.Tests.CodeIdentityTool;

/// <summary>The digest behind code identity: comments and whitespace do not count, code does.</summary>
public sealed class SourceDigestTests
{
    private const string Original = """
        namespace Demo;

        /// <summary>Doubles.</summary>
        public static class Doubler
        {
            // the factor
            public static int Twice(int x) => x * 2;

            public static string Name => "a // not a comment";
        #if DEBUG
            public static int Debug => 1;
        #endif
        }
        """;

    [Theory]
    [InlineData("// the factor", "// the factor, explained at length")]
    [InlineData("/// <summary>Doubles.</summary>", "/// <summary>Doubles its input.</summary>")]
    [InlineData("x * 2", "x   *\n\t2")]
    [InlineData("public static int Twice", "public  static\nint Twice")]
    [InlineData("namespace Demo;", "/* licence */ namespace Demo;")]
    public void An_edit_to_comments_or_whitespace_keeps_the_digest(string from, string to) =>
        Assert.Equal(SourceDigest.Of(Original), SourceDigest.Of(Edit(from, to)));

    [Theory]
    [InlineData("x * 2", "x * 3")]
    [InlineData("x * 2", "x * 2 + 0")]
    [InlineData("a // not a comment", "a // not a comment!")]
    [InlineData("public static int Debug => 1;", "public static int Debug => 2;")]
    [InlineData("Twice", "Double")]
    public void An_edit_to_code_changes_the_digest(string from, string to) =>
        Assert.NotEqual(SourceDigest.Of(Original), SourceDigest.Of(Edit(from, to)));

    [Fact]
    public void Project_digest_covers_file_digests_and_package_versions_but_not_file_order()
    {
        var a = ("A.cs", "class A {}");
        var b = ("B.cs", "class B {}");
        var one = ProjectDigest.Compute("P", [a, b], ["TorchSharp 0.107.0"]);

        Assert.Equal(one.Digest, ProjectDigest.Compute("P", [b, a], ["TorchSharp 0.107.0"]).Digest);
        Assert.NotEqual(one.Digest, ProjectDigest.Compute("P", [a, b], ["TorchSharp 0.108.0"]).Digest);
        Assert.NotEqual(one.Digest, ProjectDigest.Compute("P", [a, ("B.cs", "class B { int x; }")], ["TorchSharp 0.107.0"]).Digest);
        Assert.Contains("\"Pipeline.CodeIdentity\", \"" + one.Digest + "\"", one.ToAssemblyAttributes(), StringComparison.Ordinal);
    }

    private static string Edit(string from, string to)
    {
        Assert.Contains(from, Original, StringComparison.Ordinal);
        return Original.Replace(from, to, StringComparison.Ordinal);
    }
}
