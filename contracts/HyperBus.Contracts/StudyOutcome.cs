using System.Text.Json.Serialization;

namespace HyperBus.Contracts;

/// <summary>How a study ended.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StudyOutcome>))]
public enum StudyOutcome
{
    Completed,
    Cancelled,
    Failed,
}
