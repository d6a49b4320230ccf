using System.Text.Json.Nodes;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus;

/// <summary>
/// What a library study stores as its spec: the fields of a spec file that apply (name, directions, metric,
/// sampler, scheduler), so <c>hyperbus status</c> and reports read it like any other study, and a
/// re-opened study gets its directions and sampler back.
/// </summary>
internal sealed record StudyDocument(string Name, IReadOnlyList<StudyDirection> Directions, string Metric, ComponentSpec Sampler, ComponentSpec Scheduler)
{
    /// <summary>The trainer kind recorded for studies whose objective runs inside the calling process.</summary>
    public const string InProcessTrainer = "in-process";

    public string ToJson()
    {
        var doc = new JsonObject { ["study"] = Name };
        if (Directions.Count == 1)
        {
            doc["direction"] = Text(Directions[0]);
        }
        else
        {
            doc["directions"] = new JsonArray([.. Directions.Select(d => (JsonNode?)JsonValue.Create(Text(d)))]);
        }

        doc["metric"] = Metric;
        doc["trainer"] = InProcessTrainer;
        doc["sampler"] = Component(Sampler);
        doc["scheduler"] = Component(Scheduler);
        return doc.ToJsonString();
    }

    /// <summary>Reads the fields back from a stored spec (a library study's or a spec file's); missing ones get spec defaults.</summary>
    public static StudyDocument Read(string json)
    {
        var doc = JsonNode.Parse(json) as JsonObject ?? [];
        var directions = doc["directions"] is JsonArray list
            ? list.Select(d => Parse(d?.GetValue<string>())).ToList()
            : [Parse(doc["direction"]?.GetValue<string>())];
        return new StudyDocument(
            doc["study"]?.GetValue<string>() ?? string.Empty,
            directions,
            doc["metric"]?.GetValue<string>() ?? "value",
            ReadComponent(doc["sampler"], "random"),
            ReadComponent(doc["scheduler"], "fifo"));
    }

    private static string Text(StudyDirection d) => d == StudyDirection.Maximize ? "maximize" : "minimize";

    private static StudyDirection Parse(string? text) => text == "maximize" ? StudyDirection.Maximize : StudyDirection.Minimize;

    private static JsonObject Component(ComponentSpec spec)
    {
        var obj = (JsonObject)spec.Options.DeepClone();
        obj.Insert(0, "type", spec.Type);
        return obj;
    }

    private static ComponentSpec ReadComponent(JsonNode? node, string fallback)
    {
        switch (node)
        {
            case JsonValue v when v.TryGetValue<string>(out var type):
                return new ComponentSpec(type, []);
            case JsonObject o:
                var options = (JsonObject)o.DeepClone();
                var name = options["type"]?.GetValue<string>() ?? fallback;
                options.Remove("type");
                return new ComponentSpec(name, options);
            default:
                return new ComponentSpec(fallback, []);
        }
    }
}
