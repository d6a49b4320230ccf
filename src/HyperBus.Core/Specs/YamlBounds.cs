using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace HyperBus.Core.Specs;

/// <summary>
/// Walks a YAML document's events (no tree is built) and refuses it when its aliases would expand past
/// <see cref="SpecLimits.MaxNodes"/> values or <see cref="SpecLimits.MaxExpandedChars"/> characters, it uses more
/// than <see cref="SpecLimits.MaxAliases"/> aliases, or it nests deeper than <see cref="SpecLimits.MaxDepth"/>:
/// building the tree of a "billion laughs" document first is what exhausts memory, and a deep one the stack.
/// </summary>
internal static class YamlBounds
{
    public static void Check(string text)
    {
        var parser = new Parser(new StringReader(text));
        var anchors = new Dictionary<string, (long Nodes, long Chars)>(StringComparer.Ordinal);
        // One frame per open mapping or list: its anchor and the size of what it holds so far.
        var open = new Stack<(string? Anchor, long Nodes, long Chars)>();
        open.Push((null, 0, 0));
        var aliases = 0;
        while (parser.MoveNext())
        {
            var e = parser.Current!;
            switch (e)
            {
                case MappingStart or SequenceStart:
                    if (open.Count > SpecLimits.MaxDepth)
                    {
                        throw Refuse(e, $"nests mappings and lists more than {SpecLimits.MaxDepth} levels deep");
                    }

                    open.Push((AnchorOf((NodeEvent)e), 1, 0));
                    break;
                case MappingEnd or SequenceEnd when open.Count > 1:
                    var (anchor, nodes, chars) = open.Pop();
                    Record(anchors, anchor, (nodes, chars));
                    Add(open, (nodes, chars), e);
                    break;
                case Scalar scalar:
                    var size = (1L, (long)scalar.Value.Length);
                    Record(anchors, AnchorOf(scalar), size);
                    Add(open, size, e);
                    break;
                case AnchorAlias alias:
                    if (++aliases > SpecLimits.MaxAliases)
                    {
                        throw Refuse(e, $"uses more than {SpecLimits.MaxAliases} aliases");
                    }

                    // An alias to an unknown anchor is reported by the loader with its own message.
                    Add(open, anchors.GetValueOrDefault(alias.Value.Value, (1, 0)), e);
                    break;
            }
        }
    }

    private static string? AnchorOf(NodeEvent e) => e.Anchor.IsEmpty ? null : e.Anchor.Value;

    private static void Record(Dictionary<string, (long Nodes, long Chars)> anchors, string? anchor, (long Nodes, long Chars) size)
    {
        if (anchor is not null)
        {
            anchors[anchor] = size;
        }
    }

    /// <summary>Adds a child's size to the innermost open frame; a frame holds its children, so the bound on each frame bounds the document.</summary>
    private static void Add(Stack<(string? Anchor, long Nodes, long Chars)> open, (long Nodes, long Chars) child, ParsingEvent at)
    {
        var (anchor, nodes, chars) = open.Pop();
        nodes += child.Nodes;
        chars += child.Chars;
        open.Push((anchor, nodes, chars));
        if (nodes > SpecLimits.MaxNodes)
        {
            throw Refuse(at, $"expands to more than {SpecLimits.MaxNodes} values once its aliases are resolved (an alias bomb?)");
        }

        if (chars > SpecLimits.MaxExpandedChars)
        {
            throw Refuse(at, $"expands to more than {SpecLimits.MaxExpandedChars} characters of text once its aliases are resolved");
        }
    }

    private static SpecException Refuse(ParsingEvent at, string problem) =>
        new([new SpecError($"line {at.Start.Line}, column {at.Start.Column}", $"the YAML {problem}")]);
}
