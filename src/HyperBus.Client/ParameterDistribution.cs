using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBus.Core.Space;

namespace HyperBus;

/// <summary>
/// A define-by-run parameter's distribution as JSON in the spec's own form (<c>{type: float, low, high, log}</c>),
/// kept in a trial attribute so a re-opened study knows the space its trials were drawn from.
/// </summary>
internal static class ParameterDistribution
{
    /// <summary>The trial attribute that holds the distributions of the parameters the trial used.</summary>
    public const string AttributeKey = "client.distributions";

    public static JsonObject ToJson(Parameter p) => p switch
    {
        FloatParameter f => Numeric("float", f.Low, f.High, f.Log, f.Step),
        IntParameter i => Numeric("int", i.Low, i.High, i.Log, i.Step == 1 ? null : i.Step),
        CategoricalParameter c => new JsonObject
        {
            ["type"] = "categorical",
            ["choices"] = new JsonArray([.. c.Choices.Select(x => (JsonNode?)JsonValue.Create(ParameterValues.ToJson(x)))]),
        },
        _ => throw new ArgumentException($"unsupported parameter type {p.GetType().Name}", nameof(p)),
    };

    public static Parameter FromJson(string name, JsonElement json)
    {
        var type = json.GetProperty("type").GetString();
        bool Log() => json.TryGetProperty("log", out var l) && l.GetBoolean();
        double? Step() => json.TryGetProperty("step", out var s) ? s.GetDouble() : null;
        return type switch
        {
            "float" => new FloatParameter(name, json.GetProperty("low").GetDouble(), json.GetProperty("high").GetDouble(), Log(), Step()),
            "int" => new IntParameter(name, json.GetProperty("low").GetInt64(), json.GetProperty("high").GetInt64(), Log(), (long)(Step() ?? 1)),
            "categorical" => new CategoricalParameter(name, [.. json.GetProperty("choices").EnumerateArray().Select(ParameterValues.FromJson)]),
            _ => throw new FormatException($"parameter '{name}': unknown stored distribution type '{type}'"),
        };
    }

    /// <summary>A short text that is equal for equal distributions, and readable in error messages.</summary>
    public static string Describe(Parameter p) => p switch
    {
        FloatParameter f => $"float [{Format(f.Low)}, {Format(f.High)}]{(f.Log ? " log" : string.Empty)}{(f.Step is { } s ? $" step {Format(s)}" : string.Empty)}",
        IntParameter i => $"int [{i.IntLow}, {i.IntHigh}]{(i.Log ? " log" : string.Empty)}{(i.Step != 1 ? $" step {i.Step}" : string.Empty)}",
        CategoricalParameter c => $"categorical [{string.Join(", ", c.Choices.Select(ParameterValues.Format))}]",
        _ => p.GetType().Name,
    };

    /// <summary>Same kind and bounds (or choices); 3 and 3.0 count as the same choice, as everywhere in HyperBus.</summary>
    public static bool AreSame(Parameter a, Parameter b) => (a, b) switch
    {
        // Asked on every suggest: numeric bounds compare without formatting (bit for bit, as their "R" text would).
        (FloatParameter x, FloatParameter y) => IsFloat(x, y.Low, y.High, y.Log, y.Step),
        (IntParameter x, IntParameter y) => IsInt(x, y.IntLow, y.IntHigh, y.Log, y.Step),
        _ => a.GetType() == b.GetType() && string.Equals(Describe(a), Describe(b), StringComparison.Ordinal),
    };

    /// <summary>True when the float distribution has these bounds, scale and step (as <see cref="AreSame"/> compares two).</summary>
    public static bool IsFloat(FloatParameter x, double low, double high, bool log, double? step) =>
        Same(x.Low, low) && Same(x.High, high) && x.Log == log && x.Step.HasValue == step.HasValue && (x.Step is not { } s || Same(s, step!.Value));

    /// <summary>True when the integer distribution has these bounds, scale and step (as <see cref="AreSame"/> compares two).</summary>
    public static bool IsInt(IntParameter x, long low, long high, bool log, long step) =>
        x.IntLow == low && x.IntHigh == high && x.Log == log && x.Step == step;

    /// <summary>The distributions of <paramref name="parameters"/> as the attribute's JSON text.</summary>
    public static string Write(IEnumerable<Parameter> parameters)
    {
        var obj = new JsonObject();
        foreach (var p in parameters)
        {
            obj[p.Name] = ToJson(p);
        }

        return obj.ToJsonString();
    }

    public static IEnumerable<Parameter> Read(string json)
    {
        using var document = JsonDocument.Parse(json);
        return [.. document.RootElement.EnumerateObject().Select(p => FromJson(p.Name, p.Value))];
    }

    private static JsonObject Numeric(string type, double low, double high, bool log, double? step)
    {
        var obj = new JsonObject { ["type"] = type, ["low"] = low, ["high"] = high };
        if (log)
        {
            obj["log"] = true;
        }

        if (step is { } s)
        {
            obj["step"] = s;
        }

        return obj;
    }

    private static bool Same(double a, double b) => BitConverter.DoubleToInt64Bits(a) == BitConverter.DoubleToInt64Bits(b);

    private static string Format(double d) => d.ToString("R", CultureInfo.InvariantCulture);
}
