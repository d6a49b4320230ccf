using System.Text.Json.Nodes;

namespace HyperBus.Contracts.Tests;

/// <summary>
/// The shape of a contract version (per message: its fields with their JSON types, and which are required),
/// and the compatibility rule between two of them: within a major version the newer may only add.
/// </summary>
public static class ContractBaseline
{
    public static string PathFor(int major) => Path.Combine(SchemaGenerator.SchemaDirectory(), "..", "compatibility", $"v{major}.json");

    /// <summary>The current contract's shape, read from the checked-in schemas.</summary>
    public static JsonObject Current()
    {
        var messages = new JsonObject();
        foreach (var type in WireFormat.MessageTypes)
        {
            var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaGenerator.SchemaDirectory(), $"{type.Name}.schema.json")))!;
            var properties = new JsonObject();
            foreach (var (name, property) in schema["properties"]!.AsObject())
            {
                properties[name] = property is JsonObject o ? o["type"]?.DeepClone() : null;
            }

            messages[type.Name] = new JsonObject { ["required"] = schema["required"]?.DeepClone() ?? new JsonArray(), ["properties"] = properties };
        }

        return new JsonObject { ["version"] = ContractVersion.Current, ["messages"] = messages };
    }

    /// <summary>Every way <paramref name="current"/> breaks a reader or writer of <paramref name="baseline"/>.</summary>
    public static IReadOnlyList<string> Breaks(JsonObject baseline, JsonObject current)
    {
        var breaks = new List<string>();
        foreach (var (name, old) in baseline["messages"]!.AsObject())
        {
            if (current["messages"]![name] is not JsonObject now)
            {
                breaks.Add($"{name}: message removed");
                continue;
            }

            foreach (var (field, type) in old!["properties"]!.AsObject())
            {
                if (!now["properties"]!.AsObject().TryGetPropertyValue(field, out var newType))
                {
                    breaks.Add($"{name}.{field}: field removed or renamed");
                }
                else if (!JsonNode.DeepEquals(type, newType))
                {
                    breaks.Add($"{name}.{field}: type changed from {type?.ToJsonString()} to {newType?.ToJsonString()}");
                }
            }

            var wasRequired = old["required"]!.AsArray().Select(r => r!.GetValue<string>()).ToHashSet(StringComparer.Ordinal);
            foreach (var field in now["required"]!.AsArray().Select(r => r!.GetValue<string>()).Where(f => !wasRequired.Contains(f)))
            {
                breaks.Add($"{name}.{field}: newly required (old writers do not send it)");
            }
        }

        return breaks;
    }
}
