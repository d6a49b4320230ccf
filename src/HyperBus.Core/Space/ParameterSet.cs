using System.Collections;
using System.Text.Json;

namespace HyperBus.Core.Space;

/// <summary>One configuration: parameter name to value, only the parameters active in it.</summary>
public sealed class ParameterSet : IReadOnlyDictionary<string, object>, IEquatable<ParameterSet>
{
    private readonly Dictionary<string, object> _values;

    public ParameterSet(IEnumerable<KeyValuePair<string, object>> values)
    {
        _values = new Dictionary<string, object>(values, StringComparer.Ordinal);
    }

    public static ParameterSet Empty { get; } = new([]);

    public int Count => _values.Count;

    public IEnumerable<string> Keys => _values.Keys;

    public IEnumerable<object> Values => _values.Values;

    public object this[string key] => _values[key];

    public bool ContainsKey(string key) => _values.ContainsKey(key);

    public bool TryGetValue(string key, out object value) => _values.TryGetValue(key, out value!);

    public IEnumerator<KeyValuePair<string, object>> GetEnumerator() => _values.GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public double GetDouble(string name) => NumericParameter.AsDouble(_values[name]);

    /// <summary>The values as JSON, for messages and the store.</summary>
    public Dictionary<string, JsonElement> ToJson() =>
        _values.ToDictionary(p => p.Key, p => ParameterValues.ToJson(p.Value), StringComparer.Ordinal);

    public static ParameterSet FromJson(IReadOnlyDictionary<string, JsonElement> json, SearchSpace? space = null) =>
        new(json.Select(p =>
        {
            var value = ParameterValues.FromJson(p.Value);
            var parameter = space?.Find(p.Key);
            return KeyValuePair.Create(p.Key, parameter is null ? value : parameter.Normalize(value));
        }));

    public bool Equals(ParameterSet? other) =>
        other is not null && other.Count == Count &&
        _values.All(p => other.TryGetValue(p.Key, out var v) && ParameterValues.AreEqual(p.Value, v));

    public override bool Equals(object? obj) => Equals(obj as ParameterSet);

    public override int GetHashCode()
    {
        var hash = 0;
        foreach (var key in _values.Keys)
        {
            hash ^= StringComparer.Ordinal.GetHashCode(key);
        }

        return hash;
    }

    public override string ToString() =>
        string.Join(", ", _values.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={ParameterValues.Format(p.Value)}"));
}
