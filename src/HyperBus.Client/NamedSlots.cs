namespace HyperBus;

/// <summary>
/// Values by parameter name in the order they were first set, for a trial's few parameters: a list searched in place,
/// which costs a trial one small array where a dictionary costs three objects; an index by name is added only when
/// an objective asks for many parameters, so a wide space stays linear. Not thread-safe.
/// </summary>
internal sealed class NamedSlots<T>
{
    private const int IndexFrom = 16;
    private readonly List<KeyValuePair<string, T>> _items;
    private Dictionary<string, int>? _index;

    public NamedSlots(int capacity = 0)
    {
        _items = new List<KeyValuePair<string, T>>(capacity);
    }

    public int Count => _items.Count;

    public List<KeyValuePair<string, T>> Items => _items;

    public bool TryGetValue(string name, out T value)
    {
        var i = IndexOf(name);
        value = i >= 0 ? _items[i].Value : default!;
        return i >= 0;
    }

    /// <summary>Sets the value; a name already there keeps its place.</summary>
    public void Set(string name, T value)
    {
        var i = IndexOf(name);
        if (i >= 0)
        {
            _items[i] = KeyValuePair.Create(name, value);
            return;
        }

        _items.Add(KeyValuePair.Create(name, value));
        if (_index is not null)
        {
            _index[name] = _items.Count - 1;
        }
        else if (_items.Count > IndexFrom)
        {
            _index = new Dictionary<string, int>(_items.Count * 2, StringComparer.Ordinal);
            for (var k = 0; k < _items.Count; k++)
            {
                _index[_items[k].Key] = k;
            }
        }
    }

    private int IndexOf(string name)
    {
        if (_index is not null)
        {
            return _index.TryGetValue(name, out var at) ? at : -1;
        }

        for (var i = 0; i < _items.Count; i++)
        {
            if (string.Equals(_items[i].Key, name, StringComparison.Ordinal))
            {
                return i;
            }
        }

        return -1;
    }
}
