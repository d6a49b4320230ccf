using System.Text.Json.Serialization;

namespace HyperBus.Contracts;

/// <summary>What a trainer does after a report.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<TrialAction>))]
public enum TrialAction
{
    /// <summary>Keep training.</summary>
    Continue,

    /// <summary>Stop now; the trial ends as pruned.</summary>
    Stop,

    /// <summary>Load <see cref="TrialDecision.Checkpoint"/>, switch to <see cref="TrialDecision.Params"/> and go on (PBT).</summary>
    Exploit,
}
