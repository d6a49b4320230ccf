namespace HyperBus.Core.Space;

/// <summary>
/// When a conditional parameter is active: every named parent must be active and hold one of the
/// listed values (the spec's <c>when: {kernel: [rbf, poly]}</c>).
/// </summary>
public sealed class ParameterCondition
{
    public ParameterCondition(IReadOnlyDictionary<string, IReadOnlyList<object>> parents)
    {
        Parents = parents;
    }

    public IReadOnlyDictionary<string, IReadOnlyList<object>> Parents { get; }

    public bool IsSatisfiedBy(IReadOnlyDictionary<string, object> assigned)
    {
        foreach (var (parent, values) in Parents)
        {
            if (!assigned.TryGetValue(parent, out var actual) || !values.Any(v => ParameterValues.AreEqual(v, actual)))
            {
                return false;
            }
        }

        return true;
    }
}
