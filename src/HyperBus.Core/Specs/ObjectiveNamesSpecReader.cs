using System.Text.Json.Nodes;
using HyperBus.Core.Trials;

namespace HyperBus.Core.Specs;

/// <summary>
/// <c>metrics: [accuracy, latency]</c>: one name per objective of a multi-objective study (Optuna's
/// <c>set_metric_names</c>), so reports head their columns with them; the first is the study's <c>metric</c>.
/// </summary>
public static class ObjectiveNamesSpecReader
{
    /// <summary>The study's metric: <paramref name="metric"/>, or the first of <c>metrics</c> when only that is given.</summary>
    public static string Read(SpecObjectReader r, IReadOnlyList<StudyDirection>? directions, string? metric)
    {
        var names = Names(r, directions);
        if (names is null)
        {
            return metric ?? "value";
        }

        if (metric is not null && !string.Equals(metric, names[0], StringComparison.Ordinal))
        {
            r.Errors.Add(new SpecError($"{r.At("metrics")}[0]", $"must be the study's metric '{metric}' (or leave 'metric' out)"));
        }

        return names[0];
    }

    /// <summary>The names a stored spec gives its objectives, or null (none given, or not one per direction).</summary>
    public static IReadOnlyList<string>? Stored(JsonObject spec)
    {
        var reader = new SpecObjectReader(spec, string.Empty, []);
        var directions = reader.Array("directions")?.Count;
        return directions is > 1 ? Names(reader, Enumerable.Repeat(StudyDirection.Minimize, directions.Value).ToList()) : null;
    }

    private static List<string>? Names(SpecObjectReader r, IReadOnlyList<StudyDirection>? directions)
    {
        var list = r.Array("metrics");
        if (list is null)
        {
            return null;
        }

        if (directions is not { Count: > 1 })
        {
            r.Error("metrics", "names the objectives of a study with several 'directions'; give 'metric' for one objective");
            return null;
        }

        if (list.Count != directions.Count)
        {
            r.Error("metrics", $"must give one name per direction ({directions.Count}), not {list.Count}");
            return null;
        }

        var names = new List<string>();
        for (var i = 0; i < list.Count; i++)
        {
            var name = list[i] is JsonValue v && v.TryGetValue<string>(out var s) ? s.Trim() : null;
            if (string.IsNullOrEmpty(name) || names.Contains(name, StringComparer.Ordinal))
            {
                r.Errors.Add(new SpecError($"{r.At("metrics")}[{i}]", $"must be a name not given before, not {SpecObjectReader.Describe(list[i])}"));
                continue;
            }

            names.Add(name);
        }

        return names.Count == list.Count ? names : null;
    }
}
