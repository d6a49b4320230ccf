using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Json.Schema;

namespace HyperBus.Contracts.Tests;

/// <summary>Generates the JSON Schema of a message record, the way the checked-in files were made.</summary>
public static class SchemaGenerator
{
    private static readonly JsonSchemaExporterOptions ExporterOptions = new()
    {
        TreatNullObliviousAsNonNullable = true,
    };

    public static string Generate(Type type)
    {
        var node = WireFormat.Options.GetJsonSchemaAsNode(type, ExporterOptions);
        var schema = new JsonObject
        {
            ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
            ["$id"] = $"https://hyperbus.dev/schema/{type.Name}.schema.json",
            ["title"] = type.Name,
        };
        if (!WireFormat.PartTypes.Contains(type))
        {
            // Only messages have a type header; a part such as TrialBudget never travels on its own.
            schema["x-message-type"] = $"urn:message:{type.Namespace}:{type.Name}";
        }

        foreach (var (key, value) in node.AsObject().ToList())
        {
            node.AsObject().Remove(key);
            schema[key] = value;
        }

        return schema.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }).ReplaceLineEndings("\n") + "\n";
    }

    public static string SchemaDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HyperBus.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("HyperBus.sln not found above the test output"), "contracts", "schema");
    }
}
