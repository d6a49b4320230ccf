using System.Globalization;
using System.Text.Json;
using System.Text.Json.Serialization;
using Microsoft.Data.Sqlite;

namespace HyperBus.Storage;

/// <summary>How values are written to and read from columns: ids and times as text, enums by name.</summary>
internal static class SqliteValues
{
    private static readonly JsonSerializerOptions MetricsJson = new() { NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals };

    public static string Id(Guid id) => id.ToString("D");

    /// <summary>UTC ISO-8601 with seven fraction digits: sorts as text and round-trips exactly.</summary>
    public static string Time(DateTimeOffset time) =>
        time.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", CultureInfo.InvariantCulture);

    public static string? Time(DateTimeOffset? time) => time is { } t ? Time(t) : null;

    /// <summary>A value fit to be an outcome: NaN and infinities become NULL, so they never count as a result.</summary>
    public static double? Finite(double? value) => value is { } v && double.IsFinite(v) ? v : null;

    public static string? Metrics(IReadOnlyDictionary<string, double>? metrics) =>
        metrics is null ? null : JsonSerializer.Serialize(metrics, MetricsJson);

    /// <summary>A list of doubles as a JSON array (NaN and infinities as named literals), or NULL.</summary>
    public static string? Doubles(IReadOnlyList<double>? values) =>
        values is null ? null : JsonSerializer.Serialize(values, MetricsJson);

    public static IReadOnlyList<double>? ReadDoubles(string? json) =>
        json is null ? null : JsonSerializer.Deserialize<double[]>(json, MetricsJson);

    public static Guid GetId(this SqliteDataReader reader, int ordinal) => Guid.Parse(reader.GetString(ordinal));

    public static DateTimeOffset GetTime(this SqliteDataReader reader, int ordinal) =>
        DateTimeOffset.Parse(reader.GetString(ordinal), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal);

    public static DateTimeOffset? GetTimeOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetTime(ordinal);

    public static double? GetDoubleOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetDouble(ordinal);

    public static string? GetStringOrNull(this SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    public static TEnum GetEnum<TEnum>(this SqliteDataReader reader, int ordinal)
        where TEnum : struct, Enum => Enum.Parse<TEnum>(reader.GetString(ordinal));
}
