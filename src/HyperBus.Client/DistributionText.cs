using HyperBus.Core.Space;

namespace HyperBus;

/// <summary>
/// The <see cref="ParameterDistribution.AttributeKey"/> text of a trial's distributions, remembered for the last set written:
/// the trials of a define-by-run study mostly ask the same parameters, so most tells reuse the text instead of building JSON.
/// Not thread-safe; the study calls it under its gate.
/// </summary>
internal sealed class DistributionText
{
    private Parameter[] _last = [];
    private string? _text;
    private IReadOnlyDictionary<string, string>? _attributes;

    /// <summary>The attribute text for these distributions (in this order).</summary>
    public string For(IReadOnlyCollection<Parameter> distributions)
    {
        // Distributions come from the study's discovered space, so the same parameter is the same object.
        if (_text is null || !IsLast(distributions))
        {
            _last = [.. distributions];
            _text = ParameterDistribution.Write(_last);
            _attributes = null;
        }

        return _text;
    }

    /// <summary>
    /// The attributes of a trial that has no other attribute than these distributions: one dictionary shared by every
    /// such trial (attributes are replaced, never changed in place), so a study keeps one per set, not one per trial.
    /// </summary>
    public IReadOnlyDictionary<string, string> AttributesFor(IReadOnlyCollection<Parameter> distributions)
    {
        var text = For(distributions);
        return _attributes ??= new Dictionary<string, string>(StringComparer.Ordinal) { [ParameterDistribution.AttributeKey] = text };
    }

    private bool IsLast(IReadOnlyCollection<Parameter> distributions)
    {
        if (distributions.Count != _last.Length)
        {
            return false;
        }

        if (distributions is IReadOnlyList<Parameter> list)
        {
            // Indexed: a foreach through the interface would put an enumerator on the heap on every tell.
            for (var k = 0; k < list.Count; k++)
            {
                if (!ReferenceEquals(list[k], _last[k]))
                {
                    return false;
                }
            }

            return true;
        }

        var i = 0;
        foreach (var d in distributions)
        {
            if (!ReferenceEquals(d, _last[i++]))
            {
                return false;
            }
        }

        return true;
    }
}
