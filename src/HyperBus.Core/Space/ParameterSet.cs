using System.Collections;
using System.Text.Json;

namespace HyperBus.Core.Space;

/// <summary>One configuration: parameter name to value, only the parameters active in it.</summary>
/// <remarks>
/// Kept as one array of pairs in the order given (as a dictionary enumerates them), searched in place: a study keeps one
/// set per trial and a set has a few parameters, so a dictionary's three objects per set are what a large study would
/// pay for. Sets of many parameters also get an index by name, so lookups stay constant-time.
/// </remarks>
public sealed class ParameterSet : IReadOnlyDictionary<string, object>, IEquatable<ParameterSet>
{
    private const int IndexFrom = 9;
    private KeyValuePair<string, object>[] _items;
    private int _count;
    private Dictionary<string, int>? _index;

    public ParameterSet(IEnumerable<KeyValuePair<string, object>> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        if (values is ICollection<KeyValuePair<string, object>> collection)
        {
            // A dictionary or list copies itself in, without an enumerator on the heap; names are then checked as Add does.
            _items = collection.Count == 0 ? [] : new KeyValuePair<string, object>[collection.Count];
            collection.CopyTo(_items, 0);
            for (var i = 0; i < _items.Length; i++)
            {
                Admit(_items[i].Key);
            }

            return;
        }

        _items = [];
        foreach (var (key, value) in values)
        {
            Add(key, value);
        }
    }

    /// <summary>An empty set that <see cref="SearchSpace.Build"/> fills in place (the set it hands to its chooser, then returns).</summary>
    internal ParameterSet(int capacity)
    {
        _items = capacity == 0 ? [] : new KeyValuePair<string, object>[capacity];
    }

    public static ParameterSet Empty { get; } = new([]);

    public int Count => _count;

    public IEnumerable<string> Keys => this.Select(p => p.Key);

    public IEnumerable<object> Values => this.Select(p => p.Value);

    public object this[string key] =>
        TryGetValue(key, out var value) ? value : throw new KeyNotFoundException($"The given key '{key}' was not present in the dictionary.");

    public bool ContainsKey(string key) => IndexOf(key) >= 0;

    public bool TryGetValue(string key, out object value)
    {
        var i = IndexOf(key);
        value = i >= 0 ? _items[i].Value : null!;
        return i >= 0;
    }

    /// <summary>The pairs in order, without allocating (a struct enumerator for <c>foreach</c>).</summary>
    public Enumerator GetEnumerator() => new(this);

    IEnumerator<KeyValuePair<string, object>> IEnumerable<KeyValuePair<string, object>>.GetEnumerator() => GetEnumerator();

    IEnumerator IEnumerable.GetEnumerator() => GetEnumerator();

    public double GetDouble(string name) => NumericParameter.AsDouble(this[name]);

    /// <summary>The values as JSON, for messages and the store.</summary>
    public Dictionary<string, JsonElement> ToJson()
    {
        var json = new Dictionary<string, JsonElement>(_count, StringComparer.Ordinal);
        foreach (var (key, value) in this)
        {
            json.Add(key, ParameterValues.ToJson(value));
        }

        return json;
    }

    public static ParameterSet FromJson(IReadOnlyDictionary<string, JsonElement> json, SearchSpace? space = null) =>
        new(json.Select(p =>
        {
            var value = ParameterValues.FromJson(p.Value);
            var parameter = space?.Find(p.Key);
            return KeyValuePair.Create(p.Key, parameter is null ? value : parameter.Normalize(value));
        }));

    public bool Equals(ParameterSet? other) =>
        other is not null && other.Count == Count &&
        this.All(p => other.TryGetValue(p.Key, out var v) && ParameterValues.AreEqual(p.Value, v));

    public override bool Equals(object? obj) => Equals(obj as ParameterSet);

    public override int GetHashCode()
    {
        var hash = 0;
        for (var i = 0; i < _count; i++)
        {
            hash ^= StringComparer.Ordinal.GetHashCode(_items[i].Key);
        }

        return hash;
    }

    public override string ToString() =>
        string.Join(", ", this.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => $"{p.Key}={ParameterValues.Format(p.Value)}"));

    /// <summary>Adds a parameter; a name given twice is an error, as in a dictionary.</summary>
    internal void Add(string key, object value)
    {
        if (_count == _items.Length)
        {
            Array.Resize(ref _items, Math.Max(4, _count * 2));
        }

        _items[_count] = KeyValuePair.Create(key, value);
        Admit(key);
    }

    /// <summary>Counts in the pair at position Count, whose name must be new.</summary>
    private void Admit(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (IndexOf(key) >= 0)
        {
            throw new ArgumentException($"An item with the same key has already been added. Key: {key}");
        }

        if (_index is not null)
        {
            _index[key] = _count;
        }
        else if (_count + 1 >= IndexFrom)
        {
            _index = new Dictionary<string, int>(_count * 2, StringComparer.Ordinal);
            for (var i = 0; i <= _count; i++)
            {
                _index[_items[i].Key] = i;
            }
        }

        _count++;
    }

    private int IndexOf(string key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (_index is not null)
        {
            return _index.TryGetValue(key, out var at) ? at : -1;
        }

        for (var i = 0; i < _count; i++)
        {
            if (string.Equals(_items[i].Key, key, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }

    /// <summary>Enumerates the pairs in order.</summary>
    public struct Enumerator : IEnumerator<KeyValuePair<string, object>>
    {
        private readonly ParameterSet _set;
        private int _next;

        internal Enumerator(ParameterSet set)
        {
            _set = set;
            _next = 0;
            Current = default;
        }

        public KeyValuePair<string, object> Current { get; private set; }

        readonly object IEnumerator.Current => Current;

        public bool MoveNext()
        {
            if (_next < _set._count)
            {
                Current = _set._items[_next++];
                return true;
            }

            return false;
        }

        public void Reset()
        {
            _next = 0;
            Current = default;
        }

        public readonly void Dispose()
        {
        }
    }
}
