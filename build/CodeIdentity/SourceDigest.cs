using System.Security.Cryptography;
using System.Text;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;

namespace CodeIdentityBuild;

/// <summary>
/// The digest of one C# source file as the compiler sees it: the text of every token (directives included), in
/// order, one per line; comments, doc comments and whitespace are trivia and do not count. Code under an
/// <c>#if</c> that is off counts too (as its text with whitespace runs folded), so Debug and Release, which
/// define different symbols, give the same digest. Roslyn is the lexer: no hand-written one could be as exact.
/// </summary>
public static class SourceDigest
{
    private static readonly CSharpParseOptions Options = new(LanguageVersion.Preview, DocumentationMode.None);

    /// <summary>The normalised token stream of <paramref name="source"/>: what the digest is taken over.</summary>
    public static string Normalise(string source)
    {
        var root = CSharpSyntaxTree.ParseText(source, Options).GetRoot();
        var text = new StringBuilder(source.Length);
        foreach (var token in root.DescendantTokens(descendIntoTrivia: true))
        {
            AppendDisabled(text, token.LeadingTrivia);
            if (token.Text.Length > 0)
            {
                text.Append(token.Text).Append('\n');
            }

            AppendDisabled(text, token.TrailingTrivia);
        }

        return text.ToString();
    }

    /// <summary>SHA-256 of <see cref="Normalise"/>, 64 lowercase hex characters.</summary>
    public static string Of(string source) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Normalise(source))));

    private static void AppendDisabled(StringBuilder text, SyntaxTriviaList trivia)
    {
        foreach (var item in trivia)
        {
            if (item.IsKind(SyntaxKind.DisabledTextTrivia))
            {
                var words = item.ToString().Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries);
                text.Append("#disabled ").AppendJoin(' ', words).Append('\n');
            }
        }
    }
}
