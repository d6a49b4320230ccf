using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus;

/// <summary>
/// The union of the distributions a define-by-run study has seen, as a Core <see cref="SearchSpace"/>.
/// A name keeps its first distribution; asking for it with another one is an error naming the parameter.
/// Thread-safe: parallel trials suggest at the same time.
/// </summary>
internal sealed class DiscoveredSpace
{
    private readonly object _lock = new();
    private readonly List<Parameter> _ordered = [];
    private readonly Dictionary<string, Parameter> _byName = new(StringComparer.Ordinal);
    private SearchSpace _space = SearchSpace.Create([]);

    /// <summary>Grows by one each time a new parameter appears, so a sampler built for an older space can be replaced.</summary>
    public int Version { get; private set; }

    public SearchSpace Space
    {
        get
        {
            lock (_lock)
            {
                return _space;
            }
        }
    }

    public Parameter? Find(string name)
    {
        lock (_lock)
        {
            return _byName.GetValueOrDefault(name);
        }
    }

    /// <summary>The known distribution of the name (added if new); throws when the name was seen with another one.</summary>
    public Parameter Register(Parameter parameter)
    {
        lock (_lock)
        {
            if (_byName.TryGetValue(parameter.Name, out var known))
            {
                if (!ParameterDistribution.AreSame(known, parameter))
                {
                    throw new ArgumentException(
                        $"parameter '{parameter.Name}' was suggested as {ParameterDistribution.Describe(known)} and now as " +
                        $"{ParameterDistribution.Describe(parameter)}; a parameter name keeps one distribution for the whole study",
                        parameter.Name);
                }

                return known;
            }

            _byName[parameter.Name] = parameter;
            _ordered.Add(parameter);
            // Every parameter is unconditional here: a trial simply lacks the ones its objective did not ask for.
            _space = SearchSpace.Create(_ordered);
            Version++;
            return parameter;
        }
    }

    /// <summary>Adds the distributions a stored trial recorded (a re-opened study); conflicting ones are ignored.</summary>
    public void Absorb(Trial trial)
    {
        if (trial.Attributes.TryGetValue(ParameterDistribution.AttributeKey, out var json))
        {
            foreach (var p in ParameterDistribution.Read(json))
            {
                try
                {
                    Register(p);
                }
                catch (ArgumentException)
                {
                    // A store edited by hand: the first distribution stays.
                }
            }
        }
    }

    /// <summary>The trial with only the parameters that lie in the known distributions, as samplers expect.</summary>
    public Trial ForSampler(Trial trial)
    {
        lock (_lock)
        {
            // Called for every trial asked and told: the usual case (every parameter known and inside) allocates nothing.
            var allFit = true;
            foreach (var (name, value) in trial.Params)
            {
                if (!_byName.TryGetValue(name, out var d) || !Fits(d, value))
                {
                    allFit = false;
                    break;
                }
            }

            if (allFit)
            {
                return trial;
            }

            var keep = trial.Params.Where(p => _byName.TryGetValue(p.Key, out var d) && Fits(d, p.Value)).ToList();
            return trial with { Params = new ParameterSet(keep) };
        }
    }

    /// <summary>True when the value lies in the distribution (a value of the wrong kind does not).</summary>
    public static bool Fits(Parameter parameter, object value)
    {
        try
        {
            return parameter.Contains(parameter.Normalize(value));
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
