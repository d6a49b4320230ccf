using System.Text.Json;

namespace HyperBus.Conformance;

/// <summary>A message the kit saw on the broker: its type, raw body, parsed body (if JSON) and headers as text.</summary>
public sealed record ObservedMessage(
    string Type,
    ReadOnlyMemory<byte> RawBody,
    JsonElement? Body,
    IReadOnlyDictionary<string, string?> Headers,
    string? MessageId,
    TimeSpan At)
{
    public Guid? TrialId => Guid(Body, "trialId");

    public int? Attempt => Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty("attempt", out var a) && a.TryGetInt32(out var i) ? i : null;

    public JsonElement Field(string name) =>
        Body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(name, out var v) ? v : default;

    private static Guid? Guid(JsonElement? body, string name) =>
        body is { ValueKind: JsonValueKind.Object } b && b.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.String
            && System.Guid.TryParse(v.GetString(), out var g) ? g : null;
}
