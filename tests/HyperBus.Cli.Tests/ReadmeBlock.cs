namespace HyperBus.Cli.Tests;

/// <summary>One ```bash block of a README: where it is, its text, and the marker comment above it, if any.</summary>
public sealed record ReadmeBlock(string File, int Line, string Script, string? Marker)
{
    public override string ToString() => $"{File}:{Line}";

    /// <summary>A block marked <c>&lt;!-- readme-test: skip (why) --&gt;</c> is not run.</summary>
    public bool Skipped => Marker?.StartsWith("skip", StringComparison.Ordinal) == true;

    /// <summary>Every ```bash block of the file, in order, with the readme-test marker on the line before it.</summary>
    public static IReadOnlyList<ReadmeBlock> Parse(string file, string text)
    {
        var lines = text.Split('\n');
        var blocks = new List<ReadmeBlock>();
        for (var i = 0; i < lines.Length; i++)
        {
            if (lines[i].TrimEnd() != "```bash")
            {
                continue;
            }

            var marker = MarkerOf(i > 0 ? lines[i - 1] : "");
            var start = i + 1;
            var end = start;
            while (end < lines.Length && lines[end].TrimEnd() != "```")
            {
                end++;
            }

            blocks.Add(new ReadmeBlock(file, start, string.Join('\n', lines[start..end]), marker));
            i = end;
        }

        return blocks;
    }

    private static string? MarkerOf(string line)
    {
        const string Prefix = "<!-- readme-test:";
        var trimmed = line.Trim();
        return trimmed.StartsWith(Prefix, StringComparison.Ordinal) && trimmed.EndsWith("-->", StringComparison.Ordinal)
            ? trimmed[Prefix.Length..^3].Trim()
            : null;
    }
}
