using System.Text.Json;
using HyperBus.Contracts;
using HyperBus.Core.Storage;

namespace HyperBus.Orchestration.Outbox;

/// <summary>Turns the messages the host sends into outbox rows and back: the contract's camelCase JSON and a destination.</summary>
public static class OutboxCodec
{
    public const string Publish = "publish";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private static readonly Dictionary<string, Type> Types = new[]
    {
        typeof(TrialRequested), typeof(TrialDecision), typeof(StudySubmitted), typeof(StudyRejected), typeof(StudyProgressed), typeof(StudyCompleted),
        // A trainer pool's breaker pauses and resumes the other studies on the pool (issue 15).
        typeof(PauseStudy), typeof(ResumeStudy),
    }.ToDictionary(t => t.Name, StringComparer.Ordinal);

    public static OutboxMessage Encode<T>(Guid studyId, T message, string destination)
        where T : class
    {
        if (!Types.ContainsKey(typeof(T).Name))
        {
            throw new ArgumentException($"{typeof(T).Name} is not a message the host sends", nameof(message));
        }

        return new OutboxMessage(studyId, typeof(T).Name, destination, JsonSerializer.Serialize(message, Json)) { Payload = message };
    }

    public static object Decode(OutboxMessage message) =>
        JsonSerializer.Deserialize(message.Body, Types.TryGetValue(message.MessageType, out var type) ? type : throw new InvalidOperationException($"unknown outbox message type {message.MessageType}"), Json)
        ?? throw new InvalidOperationException($"outbox row {message.Id} holds no message");

    /// <summary>A queue destination: <c>queue:NAME</c>.</summary>
    public static string Queue(string name) => $"queue:{name}";

    /// <summary>A direct exchange with a routing key: <c>exchange:NAME#KEY</c>.</summary>
    public static string DirectExchange(string name, string routingKey) => $"exchange:{name}#{routingKey}";
}
