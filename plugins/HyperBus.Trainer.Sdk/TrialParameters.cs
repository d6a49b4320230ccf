using System.Globalization;
using System.Text.Json;

namespace HyperBus.Trainer.Sdk;

/// <summary>
/// A trial's sampled parameters together with the spec's fixed settings (sampled ones win), with typed
/// getters whose errors name the parameter.
/// </summary>
public sealed class TrialParameters
{
    private readonly Dictionary<string, JsonElement> _values;

    public TrialParameters(IReadOnlyDictionary<string, JsonElement> sampled, IReadOnlyDictionary<string, JsonElement>? fixedValues = null)
    {
        _values = new Dictionary<string, JsonElement>(fixedValues ?? new Dictionary<string, JsonElement>(), StringComparer.Ordinal);
        foreach (var (k, v) in sampled)
        {
            _values[k] = v;
        }
    }

    public IEnumerable<string> Names => _values.Keys;

    public bool Contains(string name) => _values.ContainsKey(name);

    public double GetDouble(string name) => Get(name, e => e.ValueKind == JsonValueKind.Number ? e.GetDouble() : (double?)null, "a number");

    public double GetDouble(string name, double fallback) => Contains(name) ? GetDouble(name) : fallback;

    public int GetInt(string name) => Get(name, e => e.ValueKind == JsonValueKind.Number && e.TryGetInt32(out var i) ? i : (int?)null, "an integer");

    public int GetInt(string name, int fallback) => Contains(name) ? GetInt(name) : fallback;

    public string GetString(string name) => Get(name, e => e.ValueKind switch
    {
        JsonValueKind.String => e.GetString(),
        JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False => e.GetRawText(),
        _ => null,
    }, "a string");

    public string GetString(string name, string fallback) => Contains(name) ? GetString(name) : fallback;

    public bool GetBool(string name) => Get(name, e => e.ValueKind is JsonValueKind.True or JsonValueKind.False ? e.GetBoolean() : (bool?)null, "true or false");

    public JsonElement GetRaw(string name) => _values.TryGetValue(name, out var e) ? e : throw Missing(name);

    public override string ToString() => string.Join(", ", _values.Select(p => $"{p.Key}={p.Value.GetRawText()}"));

    private T Get<T>(string name, Func<JsonElement, T?> read, string expected)
        where T : struct => _values.TryGetValue(name, out var e)
            ? read(e) ?? throw new TrialFailedException($"parameter '{name}' must be {expected}, not {e.GetRawText()}")
            : throw Missing(name);

    private string Get(string name, Func<JsonElement, string?> read, string expected) => _values.TryGetValue(name, out var e)
        ? read(e) ?? throw new TrialFailedException($"parameter '{name}' must be {expected}, not {e.GetRawText()}")
        : throw Missing(name);

    private TrialFailedException Missing(string name) =>
        new($"parameter '{name}' is missing; the trial has: {string.Join(", ", _values.Keys.Order(StringComparer.Ordinal))}".ToString(CultureInfo.InvariantCulture));
}
