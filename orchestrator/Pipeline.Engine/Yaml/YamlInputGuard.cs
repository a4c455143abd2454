using System.Globalization;
using Pipeline.Engine.Model;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace Pipeline.Engine.Yaml;

/// <summary>
/// Walks a YAML text's events once, without building nodes or expanding aliases, and refuses what a pipeline
/// file must not hold before the file is loaded: a syntax error, a second document, nesting past
/// <see cref="YamlLimits.MaxDepth"/>, a key that is not a plain value, an oversized value, a recursive or
/// unknown alias, and aliases that expand past the <see cref="YamlLimits"/> budget (billion laughs).
/// </summary>
internal static class YamlInputGuard
{
    /// <summary>The first reason <paramref name="text"/> cannot be loaded, or null when it can.</summary>
    public static Diagnostic? Check(string text, string file, CancellationToken cancellationToken = default)
    {
        var scanner = new Scanner(new StringReader(text), skipComments: true);
        var parser = new Parser(scanner);
        var walk = new Walk(file);
        try
        {
            while (parser.MoveNext())
            {
                cancellationToken.ThrowIfCancellationRequested();
                if (walk.Visit(parser.Current!) is { } error)
                {
                    return error;
                }
            }

            return null;
        }
        catch (YamlException e)
        {
            var message = e.InnerException is YamlException inner ? inner.Message : e.Message;
            return walk.At(e.Start, $"YAML syntax: {Clean(message)}");
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException or OverflowException)
        {
            // YamlDotNet's scanner throws these on some malformed input (an unclosed '{' or '[' followed by
            // block lines); where it stopped is the best place to point at.
            return walk.UnclosedFlow() is { } opened
                ? walk.At(opened.Start, $"YAML syntax: this '{opened.Bracket}' is never closed (the file cannot be read past {scanner.CurrentPosition.Line}:{scanner.CurrentPosition.Column})")
                : walk.At(scanner.CurrentPosition, "YAML syntax: the file cannot be read past here; is a '{', '[' or quote opened above left unclosed?");
        }
    }

    /// <summary>YamlDotNet prefixes "(Line: 3, Col: 1, Idx: 20) - (...): "; the location is printed anyway.</summary>
    public static string Clean(string message)
    {
        var paren = message.IndexOf("): ", StringComparison.Ordinal);
        return message.StartsWith('(') && paren > 0 ? message[(paren + 3)..] : message;
    }

    private sealed class Frame(bool isMapping, string? anchor, long nodesAtStart, long charsAtStart, Mark start, bool flow)
    {
        public bool IsMapping { get; } = isMapping;

        public Mark Start { get; } = start;

        public bool Flow { get; } = flow;

        public char Bracket => IsMapping ? '{' : '[';

        public string? Anchor { get; } = anchor;

        public long NodesAtStart { get; } = nodesAtStart;

        public long CharsAtStart { get; } = charsAtStart;

        public bool ExpectKey { get; set; } = true;
    }

    private sealed class Walk(string file)
    {
        private readonly Stack<Frame> _frames = new();
        private readonly Dictionary<string, (long Nodes, long Chars)> _anchors = new(StringComparer.Ordinal);
        private readonly HashSet<string> _open = new(StringComparer.Ordinal);
        private int _documents;
        private long _nodes;
        private long _chars;

        /// <summary>The outermost '{' or '[' still open when reading stopped, if any.</summary>
        public Frame? UnclosedFlow() => _frames.LastOrDefault(f => f.Flow);

        public Diagnostic At(Mark mark, string message) => new(new SourceLocation(file, (int)Math.Max(1, mark.Line), (int)Math.Max(1, mark.Column)), message);

        public Diagnostic? Visit(ParsingEvent e)
        {
            switch (e)
            {
                case DocumentStart:
                    return ++_documents > 1
                        ? At(e.Start, "a pipeline file holds one YAML document, and a second one starts here; put each pipeline in its own file")
                        : null;
                case Scalar scalar:
                    return KeyCheck(e, "value")
                        ?? (scalar.Value.Length > YamlLimits.MaxValueChars
                            ? At(e.Start, Invariant($"a value of {scalar.Value.Length:N0} characters; the limit is {YamlLimits.MaxValueChars:N0}"))
                            : Add(scalar.Anchor, 1, scalar.Value.Length, e));
                case AnchorAlias alias:
                    return KeyCheck(e, "alias") ?? Expand(alias);
                case MappingStart or SequenceStart:
                    return KeyCheck(e, e is MappingStart ? "mapping" : "sequence") ?? Open((NodeEvent)e);
                case MappingEnd or SequenceEnd:
                    return Close(e);
                default:
                    return null;
            }
        }

        private Diagnostic? KeyCheck(ParsingEvent e, string kind)
        {
            if (kind == "value" || !_frames.TryPeek(out var frame) || !frame.IsMapping || !frame.ExpectKey)
            {
                return null;
            }

            return At(e.Start, $"a key must be a plain name, not {(kind == "alias" ? "an alias" : "a " + kind)}");
        }

        private Diagnostic? Open(NodeEvent e)
        {
            if (_frames.Count >= YamlLimits.MaxDepth)
            {
                return At(e.Start, $"nested deeper than {YamlLimits.MaxDepth} levels of mappings and sequences; flatten this value");
            }

            var anchor = e.Anchor.IsEmpty ? null : e.Anchor.Value;
            if (anchor is not null)
            {
                _open.Add(anchor);
            }

            var flow = e is MappingStart { Style: MappingStyle.Flow } or SequenceStart { Style: SequenceStyle.Flow };
            _frames.Push(new Frame(e is MappingStart, anchor, _nodes, _chars, e.Start, flow));
            _nodes++;
            return Budget(e, null);
        }

        private Diagnostic? Close(ParsingEvent e)
        {
            var frame = _frames.Pop();
            if (frame.Anchor is { } anchor)
            {
                _open.Remove(anchor);
                _anchors[anchor] = (_nodes - frame.NodesAtStart, _chars - frame.CharsAtStart);
            }

            Completed();
            return null;
        }

        private Diagnostic? Add(AnchorName anchor, long nodes, long chars, ParsingEvent e)
        {
            if (!anchor.IsEmpty)
            {
                _anchors[anchor.Value] = (nodes, chars);
            }

            _nodes += nodes;
            _chars += chars;
            Completed();
            return Budget(e, null);
        }

        private Diagnostic? Expand(AnchorAlias alias)
        {
            var name = alias.Value.Value;
            if (_open.Contains(name))
            {
                return At(alias.Start, $"alias '*{name}' is inside its own anchor '&{name}' (a recursive alias)");
            }

            if (!_anchors.TryGetValue(name, out var size))
            {
                return At(alias.Start, $"alias '*{name}' refers to no anchor '&{name}' defined before it");
            }

            _nodes += size.Nodes;
            _chars += size.Chars;
            Completed();
            return Budget(alias, name);
        }

        private Diagnostic? Budget(ParsingEvent e, string? alias)
        {
            if (_nodes <= YamlLimits.MaxExpandedNodes && _chars <= YamlLimits.MaxExpandedChars)
            {
                return null;
            }

            var what = _nodes > YamlLimits.MaxExpandedNodes
                ? Invariant($"{YamlLimits.MaxExpandedNodes:N0} values")
                : Invariant($"{YamlLimits.MaxExpandedChars:N0} characters of values");
            return At(e.Start, alias is null
                ? $"the file stands for {what} once its aliases are expanded; the limit is reached here"
                : $"alias '*{alias}' takes the file past {what} once aliases are expanded (nested anchors and aliases, as in 'billion laughs'?)");
        }

        private void Completed()
        {
            if (_frames.TryPeek(out var parent) && parent.IsMapping)
            {
                parent.ExpectKey = !parent.ExpectKey;
            }
        }

        private static string Invariant(FormattableString text) => text.ToString(CultureInfo.InvariantCulture);
    }
}
