using System.Globalization;
using System.Text.Json;

namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>
/// When a TrialRequested body is malformed (contracts/schema/README.md, "Malformed requests"): not a JSON
/// object, one of the six fields a worker needs missing or mistyped, or an optional field of the wrong type.
/// The other fields the schema lists as required are always written by the host but default when absent.
/// </summary>
public static class TrialRequestValidation
{
    /// <summary>The reason the body is malformed, naming the field, or null when a worker can run it.</summary>
    public static string? Problem(ReadOnlySpan<byte> body)
    {
        JsonDocument document;
        try
        {
            var reader = new Utf8JsonReader(body);
            document = JsonDocument.ParseValue(ref reader);
        }
        catch (JsonException e)
        {
            return $"body is not valid JSON: {e.Message}";
        }

        using (document)
        {
            var root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                return "body is not a JSON object";
            }

            return Guid(root, "studyId") ?? Guid(root, "trialId") ?? Integer(root, "number") ?? Integer(root, "attempt")
                ?? Required(root, "trainer", JsonValueKind.String) ?? Required(root, "params", JsonValueKind.Object)
                ?? Optional(root, "fixed", JsonValueKind.Object) ?? Optional(root, "metric", JsonValueKind.String)
                ?? Optional(root, "checkpoint", JsonValueKind.String) ?? Budget(root) ?? Deadline(root) ?? Timeout(root);
        }
    }

    private static string? Required(JsonElement root, string name, JsonValueKind kind) =>
        !root.TryGetProperty(name, out var value) || value.ValueKind == JsonValueKind.Null
            ? $"required field '{name}' is missing"
            : value.ValueKind != kind ? $"field '{name}' must be {Article(kind)}, not {value.GetRawText()}" : null;

    private static string? Optional(JsonElement root, string name, JsonValueKind kind) =>
        root.TryGetProperty(name, out var value) && value.ValueKind is not JsonValueKind.Null && value.ValueKind != kind
            ? $"field '{name}' must be {Article(kind)} or null, not {value.GetRawText()}"
            : null;

    private static string? Guid(JsonElement root, string name) =>
        Required(root, name, JsonValueKind.String) ?? (System.Guid.TryParse(root.GetProperty(name).GetString(), out _) ? null : $"field '{name}' is not a Guid: {root.GetProperty(name).GetRawText()}");

    private static string? Integer(JsonElement root, string name) =>
        Required(root, name, JsonValueKind.Number) ?? (root.GetProperty(name).TryGetInt32(out _) ? null : $"field '{name}' must be an integer, not {root.GetProperty(name).GetRawText()}");

    private static string? Budget(JsonElement root)
    {
        if (Optional(root, "budget", JsonValueKind.Object) is { } problem)
        {
            return problem;
        }

        return root.TryGetProperty("budget", out var budget) && budget.ValueKind == JsonValueKind.Object
            ? Required(budget, "name", JsonValueKind.String) is { } name ? $"budget: {name}"
            : Required(budget, "amount", JsonValueKind.Number) is { } amount ? $"budget: {amount}" : null
            : null;
    }

    private static string? Deadline(JsonElement root) =>
        Optional(root, "deadline", JsonValueKind.String) ?? (root.TryGetProperty("deadline", out var d) && d.ValueKind == JsonValueKind.String
            && !DateTimeOffset.TryParse(d.GetString(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out _)
            ? $"field 'deadline' is not an ISO-8601 date-time: {d.GetRawText()}" : null);

    private static string? Timeout(JsonElement root) =>
        Optional(root, "timeoutSeconds", JsonValueKind.Number) ?? (root.TryGetProperty("timeoutSeconds", out var t) && t.ValueKind == JsonValueKind.Number && t.GetDouble() <= 0
            ? $"field 'timeoutSeconds' must be positive, not {t.GetRawText()}" : null);

    private static string Article(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        _ => kind.ToString(),
    };
}
