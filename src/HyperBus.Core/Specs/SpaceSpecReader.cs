using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBus.Core.Space;

namespace HyperBus.Core.Specs;

/// <summary>Reads the spec's <c>space:</c> block into a <see cref="SearchSpace"/>, naming every bad field.</summary>
public static class SpaceSpecReader
{
    private static readonly string[] Types = ["float", "int", "categorical"];

    public static SearchSpace? Read(SpecObjectReader spec, string key = "space")
    {
        var space = spec.Child(key, required: true);
        if (space is null)
        {
            return null;
        }

        if (space.Object.Count == 0)
        {
            spec.Error(key, "must declare at least one parameter");
            return null;
        }

        if (space.Object.Count > SpecLimits.MaxParameters)
        {
            spec.Error(key, $"declares {space.Object.Count} parameters; at most {SpecLimits.MaxParameters} are allowed");
            return null;
        }

        var parameters = new List<Parameter>();
        foreach (var name in space.Object.Select(p => p.Key).ToList())
        {
            if (!IsValidName(name))
            {
                space.Error(name, "a parameter name must start with a letter and use only letters, digits, '_', '-' or '.'");
            }

            var p = space.Child(name, required: true);
            if (p is not null && ReadParameter(name, p) is { } parameter)
            {
                parameters.Add(parameter);
            }
        }

        if (spec.Errors.Count > 0)
        {
            return null;
        }

        try
        {
            return SearchSpace.Create(parameters, space.Path);
        }
        catch (SpecException e)
        {
            spec.Errors.AddRange(e.Errors);
            return null;
        }
    }

    private static bool IsValidName(string name) =>
        name.Length is > 0 and <= 128 && char.IsAsciiLetter(name[0]) &&
        name.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.');

    private static Parameter? ReadParameter(string name, SpecObjectReader p)
    {
        var type = p.Has("choices") && !p.Has("type") ? "categorical" : p.Enum("type", Types, required: true);
        var condition = ReadCondition(p);
        var errorsBefore = p.Errors.Count;
        Parameter? result = type switch
        {
            "categorical" => ReadCategorical(name, p, condition),
            "float" => ReadFloat(name, p, condition),
            "int" => ReadInt(name, p, condition),
            _ => null,
        };
        p.RejectUnknown();
        return p.Errors.Count == errorsBefore ? result : null;
    }

    private static CategoricalParameter? ReadCategorical(string name, SpecObjectReader p, ParameterCondition? condition)
    {
        var choices = p.Array("choices");
        if (choices is null)
        {
            p.Error("choices", "is required for a categorical parameter");
            return null;
        }

        if (choices.Count == 0)
        {
            p.Error("choices", "must not be empty");
            return null;
        }

        var values = new List<object>();
        for (var i = 0; i < choices.Count; i++)
        {
            var value = Scalar(choices[i]);
            if (value is null)
            {
                p.Errors.Add(new SpecError($"{p.At("choices")}[{i}]", $"must be a string, number or boolean, not {SpecObjectReader.Describe(choices[i])}"));
            }
            else if (values.Any(v => ParameterValues.AreEqual(v, value)))
            {
                p.Errors.Add(new SpecError($"{p.At("choices")}[{i}]", $"'{ParameterValues.Format(value)}' is listed twice"));
            }
            else
            {
                values.Add(value);
            }
        }

        return new CategoricalParameter(name, values, condition);
    }

    private static FloatParameter? ReadFloat(string name, SpecObjectReader p, ParameterCondition? condition)
    {
        var (low, high, log, values) = ReadRange(p, integer: false);
        var step = p.Number("step");
        if (low is null || high is null)
        {
            return null;
        }

        if (step is { } s && !CheckStep(p, s, low.Value, high.Value, log))
        {
            return null;
        }

        return new FloatParameter(name, low.Value, high.Value, log, step, values, condition);
    }

    private static IntParameter? ReadInt(string name, SpecObjectReader p, ParameterCondition? condition)
    {
        var (low, high, log, values) = ReadRange(p, integer: true);
        var step = p.Integer("step", 1, long.MaxValue);
        if (low is null || high is null)
        {
            return null;
        }

        if (step is { } s && !CheckStep(p, s, low.Value, high.Value, log))
        {
            return null;
        }

        return new IntParameter(name, (long)low.Value, (long)high.Value, log, step ?? 1, values, condition);
    }

    private static bool CheckStep(SpecObjectReader p, double step, double low, double high, bool log)
    {
        if (step <= 0)
        {
            p.Error("step", "must be > 0");
            return false;
        }

        if (log)
        {
            p.Error("step", "cannot be combined with log: true");
            return false;
        }

        if (step > high - low)
        {
            p.Error("step", $"must not exceed high - low ({high - low})");
            return false;
        }

        return true;
    }

    private static (double? Low, double? High, bool Log, IReadOnlyList<double>? Values) ReadRange(SpecObjectReader p, bool integer)
    {
        const double limit = 1e15; // beyond this doubles lose integer precision and ranges stop making sense
        var log = p.Bool("log") ?? false;
        IReadOnlyList<double>? values = ReadValues(p, integer, limit);
        double? low = integer ? p.Integer("low", (long)-limit, (long)limit) : p.Number("low", -limit, limit);
        double? high = integer ? p.Integer("high", (long)-limit, (long)limit) : p.Number("high", -limit, limit);
        if (values is not null)
        {
            if (p.Has("step"))
            {
                p.Error("step", "cannot be combined with values");
            }

            low ??= values.Min();
            high ??= values.Max();
            if (values.Any(v => v < low || v > high))
            {
                p.Error("values", $"must lie within [{low}, {high}]");
            }

            if (log && values.Any(v => v <= 0))
            {
                p.Error("values", "must all be > 0 for a log scale");
            }

            return (low, high, log, values);
        }

        if (low is null && !p.Has("low"))
        {
            p.Error("low", "is required (or give values:)");
        }

        if (high is null && !p.Has("high"))
        {
            p.Error("high", "is required (or give values:)");
        }

        if (low is null || high is null)
        {
            return (null, null, log, null);
        }

        if (low >= high)
        {
            p.Error("low", $"must be < high ({low} >= {high})");
            return (null, null, log, null);
        }

        if (log && low <= 0)
        {
            p.Error("low", "must be > 0 for a log scale");
            return (null, null, log, null);
        }

        return (low, high, log, null);
    }

    private static List<double>? ReadValues(SpecObjectReader p, bool integer, double limit)
    {
        var array = p.Array("values");
        if (array is null)
        {
            return null;
        }

        if (array.Count == 0)
        {
            p.Error("values", "must not be empty");
            return null;
        }

        var values = new List<double>();
        for (var i = 0; i < array.Count; i++)
        {
            var at = $"{p.At("values")}[{i}]";
            if (!SpecObjectReader.TryNumber(array[i], out var v) || !double.IsFinite(v) || Math.Abs(v) > limit)
            {
                p.Errors.Add(new SpecError(at, $"must be a finite number, not {SpecObjectReader.Describe(array[i])}"));
            }
            else if (integer && v != Math.Floor(v))
            {
                p.Errors.Add(new SpecError(at, $"must be an integer, not {v}"));
            }
            else if (values.Contains(v))
            {
                p.Errors.Add(new SpecError(at, $"{v} is listed twice"));
            }
            else
            {
                values.Add(v);
            }
        }

        return values.Count == array.Count ? values : null;
    }

    private static ParameterCondition? ReadCondition(SpecObjectReader p)
    {
        var when = p.Child("when");
        if (when is null)
        {
            return null;
        }

        if (when.Object.Count == 0)
        {
            p.Error("when", "must name at least one parent parameter");
            return null;
        }

        var parents = new Dictionary<string, IReadOnlyList<object>>(StringComparer.Ordinal);
        foreach (var (parent, node) in when.Object)
        {
            var list = node is JsonArray array ? array.ToList() : [node];
            var values = list.Select(Scalar).ToList();
            if (list.Count == 0 || values.Any(v => v is null))
            {
                when.Error(parent, "must be a value or a non-empty list of values of that parameter");
                continue;
            }

            parents[parent] = values.Select(v => v!).ToList();
        }

        return new ParameterCondition(parents);
    }

    /// <summary>A JSON scalar as long, double, string or bool; null for anything else.</summary>
    public static object? Scalar(JsonNode? node)
    {
        if (node is not JsonValue v)
        {
            return null;
        }

        return v.GetValueKind() switch
        {
            JsonValueKind.String => v.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when v.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number => SpecObjectReader.TryNumber(v, out var d) ? d : null,
            _ => null,
        };
    }
}
