using HyperBus.Core.Space;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Reporting;

namespace HyperBus.Reporting.Tests.Support;

/// <summary>Builds studies in memory: a spec (as the store keeps it) and trials with chosen values.</summary>
public sealed class StudyBuilder
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);
    private readonly List<Trial> _trials = [];

    public StudyBuilder(string spaceJson = """{"x": {"type": "float", "low": 0, "high": 1}}""", StudyDirection direction = StudyDirection.Minimize, string metric = "loss", string name = "demo",
        IReadOnlyList<StudyDirection>? directions = null)
    {
        // A multi-objective spec names its directions as a list, as a spec file does.
        var objective = directions is null
            ? string.Empty
            : $"\"directions\": [{string.Join(", ", directions.Select(d => $"\"{d.ToString().ToLowerInvariant()}\""))}], ";
        Record = new StudyRecord(Guid.NewGuid(), name, $$"""{"study": "{{name}}", {{objective}}"metric": "{{metric}}", "trainer": "function", "trials": 10, "space": {{spaceJson}}}""",
            directions?[0] ?? direction, StudyStatus.Running, Start, null);
    }

    public StudyRecord Record { get; private set; }

    /// <summary>Replaces the stored spec (fields the constructor does not write, such as <c>metrics</c>).</summary>
    public StudyBuilder WithSpec(string specJson)
    {
        Record = Record with { SpecJson = specJson };
        return this;
    }

    public IReadOnlyList<Trial> Trials => _trials;

    public StudyBuilder Add(double? value, object parameters, TrialState state = TrialState.Completed, IEnumerable<(long Step, double Value)>? reports = null, IReadOnlyDictionary<string, string>? attributes = null)
    {
        var number = _trials.Count;
        var values = parameters.GetType().GetProperties().Select(p => KeyValuePair.Create(p.Name, Normalize(p.GetValue(parameters)!)));
        _trials.Add(new Trial
        {
            Id = Guid.NewGuid(),
            Number = number,
            State = state,
            Params = new ParameterSet(values),
            Value = value,
            Reports = (reports ?? []).Select(r => new TrialReport(r.Step, r.Value)).ToList(),
            Attributes = attributes ?? new Dictionary<string, string>(),
            StartedAt = Start.AddSeconds(number),
            FinishedAt = state == TrialState.Running ? null : Start.AddSeconds(number + 0.5),
        });
        return this;
    }

    /// <summary>A completed trial of a multi-objective study: all its values (Value = the first) and optional constraints.</summary>
    public StudyBuilder AddObjectives(double[] values, object parameters, double[]? constraints = null)
    {
        Add(values[0], parameters);
        _trials[^1] = _trials[^1] with { Values = values, Constraints = constraints };
        return this;
    }

    public StudySnapshot Build() => StudySnapshot.Create(Record, _trials.ToList());

    private static object Normalize(object value) => value is int i ? (long)i : value;
}
