using System.Text;
using Pipeline.Engine.Model;
using Pipeline.Engine.Tests.Fakes;
using Pipeline.Engine.Validation;
using Pipeline.Engine.Yaml;

namespace Pipeline.Engine.Tests.Yaml;

/// <summary>Hostile pipeline files: each is refused with one clear error at its place, never an exception or a hang.</summary>
public sealed class HostileYamlTests : IDisposable
{
    private const string Head = "name: demo\nstages:\n  a:\n    uses: text\n";

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    private static IReadOnlyList<Diagnostic> Errors(string yaml) =>
        Assert.Throws<PipelineValidationException>(() => new PipelineValidator(TestCatalog.Create()).LoadText(yaml, "p.yaml")).Diagnostics;

    private IReadOnlyList<Diagnostic> FileErrors(byte[] bytes)
    {
        var path = Path.Combine(_dir.Path, "p.yaml");
        File.WriteAllBytes(path, bytes);
        return Assert.Throws<PipelineValidationException>(() => new PipelineValidator(TestCatalog.Create()).Load(path)).Diagnostics;
    }

    private static string Shorten(string text) => text[..Math.Min(text.Length, 300)];

    [Theory]
    [InlineData("    params: { text: x\n  b:\n    uses: text\n", 13, "this '{' is never closed (the file cannot be read past 6:3)")]
    [InlineData("    after: [a, b\n  b:\n    uses: text\n", 12, "this '[' is never closed (the file cannot be read past 6:3)")]
    public void An_unclosed_flow_collection_followed_by_block_lines_points_at_its_opening_bracket(string tail, int column, string message)
    {
        var error = Assert.Single(Errors(Head + tail));
        Assert.Equal($"YAML syntax: {message}", error.Message);
        Assert.Equal(5, error.Location.Line);
        Assert.Equal(column, error.Location.Column);
    }

    [Fact]
    public void An_unclosed_flow_collection_at_the_end_of_the_file_is_a_syntax_error_with_its_place()
    {
        var error = Assert.Single(Errors(Head + "    params: { text: [x, { y: 1\n"));
        Assert.StartsWith("YAML syntax", error.Message);
        Assert.True(error.Location.Line >= 5, error.ToString());
    }

    [Fact]
    public void Billion_laughs_is_refused_naming_the_alias()
    {
        var yaml = new StringBuilder("name: demo\nx0: &lol0 \"lol\"\n");
        for (var i = 1; i <= 9; i++)
        {
            yaml.Append($"x{i}: &lol{i} [{string.Join(", ", Enumerable.Repeat($"*lol{i - 1}", 10))}]\n");
        }

        yaml.Append("stages:\n  a:\n    uses: text\n    params: { text: *lol9 }\n");
        var error = Assert.Single(Errors(yaml.ToString()));
        Assert.Contains("alias '*lol", error.Message);
        Assert.Contains("100,000 values", error.Message);
        Assert.True(error.Location.Line > 1);
    }

    [Fact]
    public void Aliases_of_a_long_value_are_refused_by_their_characters()
    {
        var big = new string('x', 60_000);
        var yaml = $"name: demo\nbig: &big {big}\nstages:\n  a:\n    uses: text\n    params:\n      text: [{string.Join(", ", Enumerable.Repeat("*big", 100))}]\n";
        var error = Assert.Single(Errors(yaml));
        Assert.Contains("alias '*big'", error.Message);
        Assert.Contains("characters", error.Message);
    }

    [Fact]
    public void A_recursive_alias_is_refused()
    {
        var error = Assert.Single(Errors(Head + "    params: { text: &me [1, *me] }\n"));
        Assert.Contains("alias '*me' is inside its own anchor", error.Message);
        Assert.Equal(5, error.Location.Line);
    }

    [Fact]
    public void An_alias_to_no_anchor_is_refused()
    {
        var error = Assert.Single(Errors(Head + "    params: { text: *nowhere }\n"));
        Assert.Contains("alias '*nowhere' refers to no anchor", error.Message);
    }

    [Theory]
    [InlineData("? [a, b]\n: 1\n" + Head, 1, "a sequence")]
    [InlineData(Head + "    params:\n      ? { k: v }\n      : 1\n", 6, "a mapping")]
    [InlineData("name: demo\nx: &k key\n*k : 1\nstages:\n  a:\n    uses: text\n", 3, "an alias")]
    public void A_key_that_is_not_a_plain_name_is_refused(string yaml, int line, string kind)
    {
        var error = Assert.Single(Errors(yaml));
        Assert.Contains($"a key must be a plain name, not {kind}", error.Message);
        Assert.Equal(line, error.Location.Line);
    }

    [Theory]
    [InlineData(1_000)]
    [InlineData(200_000)]
    public void Deep_nesting_is_refused_at_the_depth_limit(int depth)
    {
        var yaml = Head + "    params:\n      text: " + new string('[', depth) + new string(']', depth) + "\n";
        var error = Assert.Single(Errors(yaml));
        Assert.Contains($"nested deeper than {YamlLimits.MaxDepth} levels", error.Message);
        Assert.Equal(6, error.Location.Line);
    }

    [Fact]
    public void Nesting_within_the_limit_is_read_and_its_error_is_short()
    {
        var depth = YamlLimits.MaxDepth - 4;
        var yaml = Head + "    params:\n      text: x\n      repeat: " + new string('[', depth) + new string(']', depth) + "\n";
        var error = Assert.Single(Errors(yaml));
        Assert.Contains("param 'a.repeat' expects", error.Message);
    }

    [Fact]
    public void An_oversized_value_is_refused_without_echoing_it()
    {
        var error = Assert.Single(Errors(Head + "    params: { text: " + new string('x', YamlLimits.MaxValueChars + 1) + " }\n"));
        Assert.Contains("the limit is 65,536", error.Message);
        Assert.True(error.ToString().Length < 300, Shorten(error.ToString()));
    }

    [Fact]
    public void A_long_wrong_value_is_cut_short_in_its_error()
    {
        var errors = Errors(Head + "    params: { text: x, repeat: " + new string('9', 60_000) + " }\nseed: " + new string('s', 60_000) + "\n");
        Assert.Equal(2, errors.Count);
        Assert.All(errors, e => Assert.True(e.ToString().Length < 300, Shorten(e.ToString())));
        Assert.Contains(errors, e => e.Message.Contains("(60,000 characters)") && e.Message.Contains("'a.repeat'"));
        Assert.Contains(errors, e => e.Message.Contains("(60,000 characters)") && e.Message.Contains("seed"));
    }

    [Fact]
    public void Bytes_that_are_not_utf8_are_refused_with_line_and_byte_offset()
    {
        var head = Encoding.UTF8.GetBytes(Head + "    params: { text: \"caf");
        byte[] latin1 = [0xE9, (byte)' ', (byte)'r', 0xE9, (byte)'"', (byte)' ', (byte)'}', (byte)'\n'];
        var error = Assert.Single(FileErrors([.. head, .. latin1]));
        Assert.Contains("not UTF-8", error.Message);
        Assert.Contains($"byte offset {head.Length}", error.Message);
        Assert.Equal(5, error.Location.Line);
        Assert.Equal(25, error.Location.Column);
    }

    [Fact]
    public void A_utf8_byte_order_mark_is_accepted()
    {
        var path = Path.Combine(_dir.Path, "bom.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Head + "    params: { text: \"café\" }\n")]);
        var pipeline = new PipelineValidator(TestCatalog.Create()).Load(path);
        Assert.Equal("café", ((TextParams)pipeline.Stages["a"].Params.Instance).Text);
    }

    [Fact]
    public void A_utf16_file_with_its_byte_order_mark_is_read()
    {
        var path = Path.Combine(_dir.Path, "utf16.yaml");
        File.WriteAllBytes(path, [0xFF, 0xFE, .. Encoding.Unicode.GetBytes(Head + "    params: { text: \"café\" }\n")]);
        var pipeline = new PipelineValidator(TestCatalog.Create()).Load(path);
        Assert.Equal("café", ((TextParams)pipeline.Stages["a"].Params.Instance).Text);
    }

    [Fact]
    public void A_second_document_is_refused()
    {
        var error = Assert.Single(Errors(Head + "    params: { text: x }\n---\nname: other\n"));
        Assert.Contains("one YAML document", error.Message);
        Assert.Equal(6, error.Location.Line);
    }

    [Fact]
    public void A_misspelt_required_key_is_reported_alone_with_its_suggestion()
    {
        var error = Assert.Single(Errors("name: demo\nstagez:\n  a:\n    uses: text\n"));
        Assert.Contains("unknown key 'stagez' (did you mean 'stages'?)", error.Message);
        Assert.Equal(2, error.Location.Line);

        var inStage = Assert.Single(Errors("name: demo\nstages:\n  a:\n    usse: text\n"));
        Assert.Contains("unknown key 'usse' in stage 'a' (did you mean 'uses'?)", inStage.Message);
    }

    [Fact]
    public void A_file_over_the_size_limit_is_refused_before_it_is_parsed()
    {
        var bytes = Encoding.UTF8.GetBytes(Head + "# " + new string('x', YamlLimits.MaxFileBytes) + "\n");
        var error = Assert.Single(FileErrors(bytes));
        Assert.Contains("larger than 1,048,576 bytes", error.Message);
    }

    [Fact]
    public void An_endless_file_is_read_only_up_to_the_limit()
    {
        var errors = Assert.Throws<PipelineValidationException>(() => new PipelineValidator(TestCatalog.Create()).Load("/dev/zero")).Diagnostics;
        Assert.Contains("larger than", Assert.Single(errors).Message);
    }
}
