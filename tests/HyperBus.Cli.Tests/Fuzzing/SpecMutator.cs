using System.Text;
using System.Text.RegularExpressions;

namespace HyperBus.Cli.Tests.Fuzzing;

/// <summary>
/// Seeded random mutations of a study spec as an attacker or a careless user would make them: fields deleted
/// or repeated, values of the wrong type, huge numbers, unicode, alias bombs, deep nesting, broken syntax.
/// The same seed always gives the same mutant, so a finding is reproduced from its seed.
/// </summary>
public static partial class SpecMutator
{
    private static readonly string[] Values =
    [
        "", "~", "null", "0", "-1", "1", "2147483648", "-2147483649", "9223372036854775808", "1e308", "-1e308", "1e-320",
        "1" + new string('0', 400), "0.1", "NaN", ".nan", ".inf", "-.inf", "true", "false", "yes", "[]", "{}", "[1, 2]",
        "{ a: 1 }", "'x'", "\"\\u0000\"", "\"\\ud800\"", "'ünïcødé'", "'😀'", "\u200b", "\u202e", "'" + new string('a', 5000) + "'",
        "*nope", "&a x", "!!binary aGVsbG8=", "!custom x", "|\n  block", ">-", "'a: b'", "grid", "random", "tpe", "gp", "cmaes",
        "nsga2", "sobol", "ga", "pso", "asha", "bohb", "pbt", "hyperband", "median", "float", "int", "categorical", "log",
        "minimize", "maximize", "function", "sklearn-svc", "mlnet-lightgbm",
    ];

    private static readonly string[] Keys =
    [
        "study", "trials", "parallelism", "direction", "directions", "metric", "trainer", "sampler", "scheduler", "space",
        "fixed", "fidelity", "enqueue", "artifacts", "verify", "maxAttempts", "trialTimeoutSeconds", "type", "low", "high",
        "log", "step", "values", "choices", "when", "seed", "name", "min", "max", "shuffle", "<<", "? [a]", "'1x'",
    ];

    private static readonly string[] Characters = ["{", "}", "[", "]", ",", ":", "-", "#", "&", "*", "!", "|", ">", "'", "\"", "%", "@", "`", "\t", "\n", "\r", "\0", "\uFEFF", "\uD800", "é", "\u0085", " "];

    public static string Mutate(string spec, int seed)
    {
        var random = new Random(seed);
        var text = spec;
        var rounds = 1 + random.Next(3);
        for (var i = 0; i < rounds; i++)
        {
            text = Once(text, random);
        }

        return text;
    }

    private static string Once(string text, Random random)
    {
        var lines = text.Split('\n').ToList();
        switch (random.Next(14))
        {
            case 0:
                return ReplaceToken(text, random, Pick(random, Values));
            case 1:
                return ReplaceToken(text, random, Pick(random, Keys));
            case 2 when lines.Count > 1:
                lines.RemoveAt(random.Next(lines.Count));
                return string.Join('\n', lines);
            case 3:
                var line = random.Next(lines.Count);
                lines.Insert(line, lines[line]);
                return string.Join('\n', lines);
            case 4:
                return text.Insert(random.Next(text.Length + 1), Pick(random, Characters));
            case 5 when text.Length > 0:
                var start = random.Next(text.Length);
                return text.Remove(start, Math.Min(text.Length - start, 1 + random.Next(20)));
            case 6:
                return text[..random.Next(text.Length + 1)];
            case 7:
                return InsertLine(lines, random, $"{Pick(random, Keys)}: {Pick(random, Values)}");
            case 8:
                return InsertLine(lines, random, $"fixed: {{ deep: {Nest(random.Next(1, 120))} }}");
            case 9:
                return text + "\n" + AliasBomb(random.Next(2, 10), random.Next(2, 10), random.Next(2) == 0 ? "fixed" : "extra");
            case 10:
                return WideGrid(text, random);
            case 11:
                return ReplaceToken(text, random, RandomUnicode(random));
            case 12 when lines.Count > 1:
                var (a, b) = (random.Next(lines.Count), random.Next(lines.Count));
                (lines[a], lines[b]) = (lines[b], lines[a]);
                return string.Join('\n', lines);
            default:
                // Indentation decides YAML's structure: shift one line.
                var at = random.Next(lines.Count);
                lines[at] = random.Next(2) == 0 ? "  " + lines[at] : lines[at].TrimStart();
                return string.Join('\n', lines);
        }
    }

    private static string ReplaceToken(string text, Random random, string replacement)
    {
        var tokens = Token().Matches(text);
        if (tokens.Count == 0)
        {
            return replacement;
        }

        var token = tokens[random.Next(tokens.Count)];
        return string.Concat(text.AsSpan(0, token.Index), replacement, text.AsSpan(token.Index + token.Length));
    }

    private static string InsertLine(List<string> lines, Random random, string line)
    {
        lines.Insert(random.Next(lines.Count + 1), random.Next(3) == 0 ? "  " + line : line);
        return string.Join('\n', lines);
    }

    private static string Nest(int depth) =>
        depth % 2 == 0 ? new string('[', depth) + "1" + new string(']', depth) : string.Concat(Enumerable.Repeat("{ a: ", depth)) + "1" + new string('}', depth);

    /// <summary>"Billion laughs": each level is a list of <paramref name="width"/> aliases of the level below.</summary>
    private static string AliasBomb(int levels, int width, string key)
    {
        var text = new StringBuilder($"{key}:\n  l0: &l0 [lol]\n");
        for (var level = 1; level <= levels; level++)
        {
            text.Append($"  l{level}: &l{level} [{string.Join(", ", Enumerable.Repeat($"*l{level - 1}", width))}]\n");
        }

        return text.ToString();
    }

    /// <summary>Adds integer parameters with wide ranges, so a grid (or any sampler) sees a huge space.</summary>
    private static string WideGrid(string text, Random random)
    {
        var index = text.IndexOf("space:", StringComparison.Ordinal);
        if (index < 0)
        {
            return text;
        }

        var end = text.IndexOf('\n', index);
        var added = string.Concat(Enumerable.Range(0, random.Next(1, 6)).Select(i => $"\n  wide{i}: {{ type: int, low: 0, high: {Pick(random, ["9", "999", "9999", "99999", "2147483647"])} }}"));
        return end < 0 ? text + added : text.Insert(end, added);
    }

    private static string RandomUnicode(Random random)
    {
        var text = new StringBuilder();
        for (var i = random.Next(1, 8); i > 0; i--)
        {
            text.Append((char)random.Next(0x20, 0xFFFF));
        }

        return text.ToString();
    }

    private static string Pick(Random random, string[] from) => from[random.Next(from.Length)];

    [GeneratedRegex(@"[A-Za-z0-9_.+\-]+")]
    private static partial Regex Token();
}
