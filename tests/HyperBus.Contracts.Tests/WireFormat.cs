using System.Text.Json;
using System.Text.Json.Serialization.Metadata;

namespace HyperBus.Contracts.Tests;

/// <summary>The JSON settings of the wire (MassTransit's raw JSON serializer: camelCase, enums as strings).</summary>
public static class WireFormat
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web)
    {
        NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.Strict,
        RespectNullableAnnotations = true,
        RespectRequiredConstructorParameters = true,
        TypeInfoResolver = new DefaultJsonTypeInfoResolver(),
    };

    public static IReadOnlyList<Type> MessageTypes { get; } = typeof(SubmitStudy).Assembly.GetTypes()
        .Where(t => t is { IsClass: true, IsAbstract: false, IsPublic: true } && t.Namespace == "HyperBus.Contracts" && t != typeof(MessageNames))
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToList();

    /// <summary>Records that travel only inside messages (they have a schema but no message type or channel).</summary>
    public static IReadOnlyList<Type> PartTypes { get; } = [typeof(ParetoTrial), typeof(TrialBudget)];

    /// <summary>The messages proper: what has an MT-MessageType and a channel.</summary>
    public static IReadOnlyList<Type> Messages { get; } = MessageTypes.Except(PartTypes).ToList();
}
