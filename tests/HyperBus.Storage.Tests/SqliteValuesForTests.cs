using System.Text.Json;
using System.Text.Json.Serialization;

namespace HyperBus.Storage.Tests;

/// <summary>Reads the metrics column as the store writes it (NaN and infinities as named literals).</summary>
internal static class SqliteValuesForTests
{
    private static readonly JsonSerializerOptions Options = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static Dictionary<string, double>? Metrics(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<Dictionary<string, double>>(json, Options);
}
