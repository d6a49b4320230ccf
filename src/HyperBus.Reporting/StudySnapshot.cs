using System.Text.Json.Nodes;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus.Reporting;

/// <summary>A stored study read once for a report: its record, metric, search space (when its spec still parses) and trials.</summary>
public sealed record StudySnapshot(StudyRecord Study, string Metric, SearchSpace? Space, IReadOnlyList<Trial> Trials)
{
    public StudyDirection Direction => Study.Direction;

    /// <summary>One direction per objective, from the stored spec's <c>directions</c>; [Direction] for a single objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get; init; } = [Study.Direction];

    public bool IsMultiObjective => Directions.Count > 1;

    /// <summary>One name per objective: the spec's <c>metrics</c>, else the metric and then "objective 2", ...</summary>
    public IReadOnlyList<string> ObjectiveNames
    {
        get => field is { } names && names.Count == Directions.Count
            ? names
            : [.. Directions.Select((_, i) => i == 0 ? Metric : $"objective {i + 1}")];
        init;
    }

    /// <summary>Completed trials with a value, in number order.</summary>
    public IReadOnlyList<Trial> Completed => Trials.Where(t => t.State == TrialState.Completed && t.Value is not null).ToList();

    public Trial? Best => new StudyView(Study.Id, SearchSpace.Create([]), Direction, Trials).Best;

    /// <summary>The parameters in the spec's order, then any the trials carry that the spec does not name.</summary>
    public IReadOnlyList<string> ParameterNames
    {
        get
        {
            var names = Space?.Parameters.Select(p => p.Name).ToList() ?? [];
            foreach (var key in Trials.SelectMany(t => t.Params.Keys))
            {
                if (!names.Contains(key, StringComparer.Ordinal))
                {
                    names.Add(key);
                }
            }

            return names;
        }
    }

    public static StudySnapshot Create(StudyRecord study, IReadOnlyList<Trial> trials)
    {
        var (metric, space, names) = ReadSpec(study.SpecJson);
        // A library (define-by-run) study stores no space: its trials record the distributions they drew from.
        space = space is { Parameters.Count: > 0 } ? space : DefineByRunSpace.From(trials) ?? space;
        return new StudySnapshot(study, metric, space, trials)
        {
            Directions = ReadDirections(study.SpecJson) ?? [study.Direction],
            ObjectiveNames = names ?? [],
        };
    }

    public static async Task<StudySnapshot> LoadAsync(IStudyStore store, StudyRecord study, CancellationToken cancellationToken = default) =>
        Create(study, await store.LoadTrialsAsync(study.Id, cancellationToken));

    /// <summary>The metric name, space and objective names of a stored spec; a spec that no longer parses still gives a report, inferred from the trials.</summary>
    private static (string Metric, SearchSpace? Space, IReadOnlyList<string>? Names) ReadSpec(string specJson)
    {
        try
        {
            if (JsonNode.Parse(specJson) is not JsonObject root)
            {
                return ("value", null, null);
            }

            var errors = new List<SpecError>();
            var reader = new SpecObjectReader(root, string.Empty, errors);
            var names = ObjectiveNamesSpecReader.Stored(root);
            var metric = reader.String("metric") ?? names?[0] ?? "value";
            var space = SpaceSpecReader.Read(reader);
            return (metric, errors.Count == 0 ? space : null, names);
        }
        catch (System.Text.Json.JsonException)
        {
            return ("value", null, null);
        }
    }

    private static List<StudyDirection>? ReadDirections(string specJson)
    {
        try
        {
            if (JsonNode.Parse(specJson) is not JsonObject root || root["directions"] is not JsonArray list || list.Count == 0)
            {
                return null;
            }

            var directions = list.Select(d => d is JsonValue v && v.TryGetValue<string>(out var text) ? text : null).ToList();
            return directions.All(d => d is "minimize" or "maximize")
                ? [.. directions.Select(d => d == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize)]
                : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }
}
