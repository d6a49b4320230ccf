using System.Globalization;
using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Samplers.Random;

namespace HyperBus;

/// <summary>
/// A trial being evaluated (Optuna's <c>Trial</c>): the objective asks it for parameter values, which also
/// declares the search space as it runs, and reports intermediate values so a scheduler can prune it.
/// </summary>
public sealed class RunningTrial
{
    private readonly Study _study;
    private readonly ParameterSet _proposal;
    private readonly IReadOnlyDictionary<string, object> _fixed;
    // Small name-ordered slots rather than dictionaries: a trial has a few parameters, and one is made for every trial.
    private readonly NamedSlots<object> _params;
    private readonly NamedSlots<Parameter> _distributions = new();

    internal RunningTrial(Study study, Trial stored, ParameterSet proposal, IReadOnlyDictionary<string, object> fixedValues)
    {
        _study = study;
        Stored = stored;
        _proposal = proposal;
        _fixed = fixedValues;
        _params = new NamedSlots<object>(stored.Params.Count);
        foreach (var (name, value) in stored.Params)
        {
            _params.Set(name, value);
        }
    }

    public int Number => Stored.Number;

    public Guid Id => Stored.Id;

    /// <summary>The values suggested so far (or given, for an enqueued trial).</summary>
    public ParameterSet Params
    {
        get
        {
            lock (_params)
            {
                return new ParameterSet(_params.Items);
            }
        }
    }

    /// <summary>True once the study's scheduler decided, on the last report, that this trial should stop.</summary>
    public bool ShouldPrune { get; internal set; }

    internal Trial Stored { get; set; }

    internal IReadOnlyCollection<Parameter> Distributions
    {
        get
        {
            lock (_params)
            {
                var result = new Parameter[_distributions.Count];
                for (var i = 0; i < result.Length; i++)
                {
                    result[i] = _distributions.Items[i].Value;
                }

                return result;
            }
        }
    }

    /// <summary>A real value in [low, high], log-uniform when <paramref name="log"/>, on a grid of <paramref name="step"/> when given.</summary>
    public double SuggestFloat(string name, double low, double high, bool log = false, double? step = null)
    {
        CheckRange(name, low, high, log);
        if (step is { } s && (log || !(s > 0)))
        {
            throw new ArgumentException($"parameter '{name}': step must be > 0 and cannot be combined with log", nameof(step));
        }

        // The study's own distribution when it is this one, so a suggestion of a known parameter makes no new one.
        var parameter = _study.Discovered.Find(name) is FloatParameter known && ParameterDistribution.IsFloat(known, low, high, log, step)
            ? known
            : new FloatParameter(name, low, high, log, step);
        return NumericParameter.AsDouble(Suggest(parameter));
    }

    /// <summary>An integer in [low, high] (both included), every <paramref name="step"/>, log-uniform when <paramref name="log"/>.</summary>
    public int SuggestInt(string name, int low, int high, bool log = false, int step = 1)
    {
        CheckRange(name, low, high, log);
        if (step < 1 || (log && step != 1))
        {
            throw new ArgumentException($"parameter '{name}': step must be >= 1, and 1 on a log scale", nameof(step));
        }

        var parameter = _study.Discovered.Find(name) is IntParameter known && ParameterDistribution.IsInt(known, low, high, log, step)
            ? known
            : new IntParameter(name, low, high, log, step);
        return (int)(long)Suggest(parameter);
    }

    /// <summary>One of <paramref name="choices"/> (strings, numbers or booleans).</summary>
    public T SuggestCategorical<T>(string name, IReadOnlyList<T> choices)
        where T : notnull
    {
        if (choices is null || choices.Count == 0)
        {
            throw new ArgumentException($"parameter '{name}': choices must not be empty", nameof(choices));
        }

        var values = choices.Select(c => c is int i ? (object)(long)i : c is float f ? (double)f : c).ToList();
        if (values.Any(v => v is not (string or bool or long or double)))
        {
            throw new ArgumentException($"parameter '{name}': choices must be strings, numbers or booleans", nameof(choices));
        }

        var chosen = Suggest(new CategoricalParameter(name, values));
        // Hand back the caller's own object (3 may be stored as 3.0 and vice versa).
        return choices.First(c => ParameterValues.AreEqual(c is int i ? (long)i : c, chosen));
    }

    /// <summary>Records an intermediate value; afterwards <see cref="ShouldPrune"/> says whether to stop.</summary>
    public Task ReportAsync(long step, double value, CancellationToken cancellationToken = default) =>
        _study.ReportAsync(this, step, value, cancellationToken);

    /// <summary>Shorthand for Optuna's idiom: throws <see cref="TrialPrunedException"/> when the trial should stop.</summary>
    public void ThrowIfShouldPrune()
    {
        if (ShouldPrune)
        {
            throw new TrialPrunedException($"trial {Number} was pruned");
        }
    }

    /// <summary>Draws the parameters of a skopt-style ask up front.</summary>
    internal void Declare(IEnumerable<Parameter> distributions)
    {
        foreach (var d in distributions)
        {
            Suggest(d);
        }
    }

    private object Suggest(Parameter requested)
    {
        var parameter = _study.Discovered.Register(requested);
        lock (_params)
        {
            if (_params.TryGetValue(parameter.Name, out var known) && DiscoveredSpace.Fits(parameter, known))
            {
                _distributions.Set(parameter.Name, parameter);
                return parameter.Normalize(known);
            }

            object value;
            if (_fixed.TryGetValue(parameter.Name, out var given))
            {
                value = DiscoveredSpace.Fits(parameter, given)
                    ? parameter.Normalize(given)
                    : throw new ArgumentException($"parameter '{parameter.Name}': the given value {ParameterValues.Format(given)} is outside {ParameterDistribution.Describe(parameter)}", parameter.Name);
            }
            else if (_proposal.TryGetValue(parameter.Name, out var proposed) && DiscoveredSpace.Fits(parameter, proposed))
            {
                value = parameter.Normalize(proposed);
            }
            else
            {
                // First time this parameter appears (or the sampler left it out): sample it on its own, seeded by name.
                value = RandomSampler.SampleParameter(parameter, TrialRandom.For(_study.Seed, Number, StableHash(parameter.Name)));
            }

            _params.Set(parameter.Name, value);
            _distributions.Set(parameter.Name, parameter);
            return value;
        }
    }

    private static void CheckRange(string name, double low, double high, bool log)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (!double.IsFinite(low) || !double.IsFinite(high) || !(low < high))
        {
            throw new ArgumentException($"parameter '{name}': low must be < high (got {low.ToString(CultureInfo.InvariantCulture)}, {high.ToString(CultureInfo.InvariantCulture)})", name);
        }

        if (log && low <= 0)
        {
            throw new ArgumentException($"parameter '{name}': low must be > 0 for a log scale", name);
        }
    }

    /// <summary>A hash that is the same in every process (string.GetHashCode is randomised per process).</summary>
    private static int StableHash(string text)
    {
        var hash = 2166136261u;
        foreach (var c in text)
        {
            hash = unchecked((hash ^ c) * 16777619u);
        }

        return (int)(hash & 0x7FFFFFFF);
    }
}
