namespace HyperBus.Contracts;

/// <summary>Queue names every peer agrees on; the schema README documents the same names.</summary>
public static class MessageNames
{
    /// <summary>The optimizer host's queue: SubmitStudy, CancelStudy and trial outcomes.</summary>
    public const string HostQueue = "hyperbus-host";

    /// <summary>The direct exchange decisions are sent to, routed by the asking worker's id.</summary>
    public const string DecisionExchange = "hyperbus-decisions";

    /// <summary>The queue a trainer of <paramref name="kind"/> consumes <see cref="TrialRequested"/> from.</summary>
    public static string TrainerQueue(string kind) => $"hyperbus-trainer-{kind}";
}
