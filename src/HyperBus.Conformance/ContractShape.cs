using System.Reflection;
using System.Text.Json;
using HyperBus.Contracts;

namespace HyperBus.Conformance;

/// <summary>
/// Checks a received body against the contract record of its type: every field the record requires is
/// present with the right JSON kind (the same rules as the JSON schemas, which are generated from the records).
/// </summary>
public static class ContractShape
{
    private static readonly NullabilityInfoContext Nullability = new();

    /// <summary>The first problem with <paramref name="body"/> as a <paramref name="type"/>, or null when it fits.</summary>
    public static string? Problem(string type, JsonElement? body)
    {
        var record = typeof(TrialStarted).Assembly.GetType($"HyperBus.Contracts.{type}");
        if (record is null)
        {
            return $"{type} is not a contract message";
        }

        if (body is not { ValueKind: JsonValueKind.Object } document)
        {
            return $"{type} body is not a JSON object";
        }

        foreach (var parameter in record.GetConstructors().Single().GetParameters())
        {
            var name = JsonNamingPolicy.CamelCase.ConvertName(parameter.Name!);
            var nullable = Nullability.Create(parameter).WriteState == NullabilityState.Nullable;
            if (!document.TryGetProperty(name, out var value))
            {
                if (nullable || parameter.HasDefaultValue)
                {
                    continue;
                }

                return $"{type} lacks required field '{name}'";
            }

            if (value.ValueKind == JsonValueKind.Null)
            {
                if (nullable)
                {
                    continue;
                }

                return $"{type}.{name} is null";
            }

            if (!Fits(Nullable.GetUnderlyingType(parameter.ParameterType) ?? parameter.ParameterType, value))
            {
                return $"{type}.{name} has the wrong type: {value.GetRawText()}";
            }
        }

        return null;
    }

    private static bool Fits(Type type, JsonElement value) => type switch
    {
        _ when type == typeof(Guid) => value.ValueKind == JsonValueKind.String && Guid.TryParse(value.GetString(), out _),
        _ when type == typeof(string) => value.ValueKind == JsonValueKind.String,
        _ when type == typeof(int) || type == typeof(long) => value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out _),
        _ when type == typeof(double) => value.ValueKind == JsonValueKind.Number,
        _ when type == typeof(bool) => value.ValueKind is JsonValueKind.True or JsonValueKind.False,
        _ when type == typeof(DateTimeOffset) => value.ValueKind == JsonValueKind.String && DateTimeOffset.TryParse(value.GetString(), System.Globalization.CultureInfo.InvariantCulture, out _),
        _ when type.IsEnum => value.ValueKind == JsonValueKind.String,
        _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) => value.ValueKind == JsonValueKind.Array,
        _ when type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyDictionary<,>) => value.ValueKind == JsonValueKind.Object,
        _ => value.ValueKind == JsonValueKind.Object,
    };
}
