using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperBus.Core.Specs;

/// <summary>
/// Reads the fields of one JSON object of a spec, collecting an error with the field path for every
/// missing, mistyped, out-of-range or unknown field instead of stopping at the first.
/// </summary>
public sealed class SpecObjectReader
{
    private readonly JsonObject _obj;
    private readonly HashSet<string> _read = new(StringComparer.Ordinal);

    public SpecObjectReader(JsonObject obj, string path, List<SpecError> errors)
    {
        _obj = obj;
        Path = path;
        Errors = errors;
    }

    public string Path { get; }

    public List<SpecError> Errors { get; }

    public JsonObject Object => _obj;

    public string At(string key) => Path.Length == 0 ? key : $"{Path}.{key}";

    public bool Has(string key) => _obj.ContainsKey(key) && _obj[key] is not null;

    public JsonNode? Raw(string key)
    {
        _read.Add(key);
        return _obj[key];
    }

    public void Error(string key, string problem) => Errors.Add(new SpecError(At(key), problem));

    public string? String(string key, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Error(key, "is required");
            }

            return null;
        }

        if (node is JsonValue v && v.TryGetValue<string>(out var s))
        {
            if (string.IsNullOrWhiteSpace(s))
            {
                Error(key, "must not be empty");
                return null;
            }

            return s;
        }

        Error(key, $"must be a string, not {Describe(node)}");
        return null;
    }

    public long? Integer(string key, long min, long max, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Error(key, "is required");
            }

            return null;
        }

        if (!TryNumber(node, out var d) || d != Math.Floor(d))
        {
            Error(key, $"must be an integer, not {Describe(node)}");
            return null;
        }

        if (d < min || d > max)
        {
            Error(key, $"must be between {min} and {max}, not {Describe(node)}");
            return null;
        }

        return (long)d;
    }

    public double? Number(string key, double min = double.MinValue, double max = double.MaxValue, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Error(key, "is required");
            }

            return null;
        }

        if (!TryNumber(node, out var d) || !double.IsFinite(d))
        {
            Error(key, $"must be a finite number, not {Describe(node)}");
            return null;
        }

        if (d < min || d > max)
        {
            Error(key, $"must be between {Format(min)} and {Format(max)}, not {Describe(node)}");
            return null;
        }

        return d;
    }

    public bool? Bool(string key)
    {
        var node = Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is JsonValue v && v.TryGetValue<bool>(out var b))
        {
            return b;
        }

        Error(key, $"must be true or false, not {Describe(node)}");
        return null;
    }

    public string? Enum(string key, IReadOnlyCollection<string> allowed, bool required = false)
    {
        var s = String(key, required);
        if (s is not null && !allowed.Contains(s))
        {
            Error(key, $"must be one of {string.Join(", ", allowed)}, not '{s}'");
            return null;
        }

        return s;
    }

    public SpecObjectReader? Child(string key, bool required = false)
    {
        var node = Raw(key);
        if (node is null)
        {
            if (required)
            {
                Error(key, "is required");
            }

            return null;
        }

        if (node is not JsonObject obj)
        {
            Error(key, $"must be a mapping, not {Describe(node)}");
            return null;
        }

        return new SpecObjectReader(obj, At(key), Errors);
    }

    public JsonArray? Array(string key)
    {
        var node = Raw(key);
        if (node is null)
        {
            return null;
        }

        if (node is not JsonArray array)
        {
            Error(key, $"must be a list, not {Describe(node)}");
            return null;
        }

        return array;
    }

    /// <summary>Reports every key that no read asked for: a typo must not be silently ignored.</summary>
    public void RejectUnknown(IEnumerable<string>? alsoAllowed = null)
    {
        var allowed = alsoAllowed?.ToHashSet(StringComparer.Ordinal);
        foreach (var key in _obj.Select(p => p.Key).Where(k => !_read.Contains(k) && allowed?.Contains(k) != true))
        {
            Error(key, "is not a known field");
        }
    }

    public static bool TryNumber(JsonNode? node, out double value)
    {
        value = 0;
        if (node is not JsonValue v || v.GetValueKind() != JsonValueKind.Number)
        {
            return false;
        }

        if (v.TryGetValue<long>(out var l))
        {
            value = l;
            return true;
        }

        if (v.TryGetValue<double>(out var d))
        {
            value = d;
            return true;
        }

        value = double.Parse(v.ToJsonString(), CultureInfo.InvariantCulture);
        return true;
    }

    public static string Describe(JsonNode? node) => node switch
    {
        null => "null",
        JsonObject => "a mapping",
        JsonArray => "a list",
        JsonValue v when v.GetValueKind() == JsonValueKind.String => $"'{v.GetValue<string>()}'",
        _ => node.ToJsonString(),
    };

    private static string Format(double d) => d.ToString("G", CultureInfo.InvariantCulture);
}
