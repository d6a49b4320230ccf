using System.CommandLine;
using System.Globalization;

namespace HyperBus.Cli.Commands;

/// <summary>
/// An integer option whose bad values are answered in the user's words ("--trials: must be an integer, not
/// 'abc'") rather than System.CommandLine's "expected type 'System.Nullable`1[System.Int32]'".
/// </summary>
public static class IntegerOption
{
    public static Option<int?> Optional(string name, string description) => new(name)
    {
        Description = description,
        CustomParser = result => Parse(name, result),
    };

    public static Option<int> WithDefault(string name, string description, int fallback) => new(name)
    {
        Description = description,
        DefaultValueFactory = _ => fallback,
        CustomParser = result => Parse(name, result) ?? fallback,
    };

    private static int? Parse(string name, System.CommandLine.Parsing.ArgumentResult result)
    {
        if (result.Tokens.Count == 0)
        {
            result.AddError($"{name}: needs a value");
            return null;
        }

        var text = result.Tokens[^1].Value;
        if (!long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var value))
        {
            result.AddError($"{name}: must be an integer, not '{text}'");
            return null;
        }

        if (value is < int.MinValue or > int.MaxValue)
        {
            result.AddError($"{name}: must be between {int.MinValue} and {int.MaxValue}, not {text}");
            return null;
        }

        return (int)value;
    }
}
