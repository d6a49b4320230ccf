namespace HyperBus.Orchestration.Policies.Hedging;

/// <summary>
/// The trial attributes that keep a hedge's story in the store (and so in the export and after a restart): which attempt
/// was the hedge, how the race went and which attempt's outcome was recorded.
/// </summary>
public static class HedgeKeys
{
    /// <summary>The hedged attempt's number: the current attempt's plus one, as a retry would be numbered (the wire contract's rule).</summary>
    public const string Attempt = "hedge.attempt";

    /// <summary>One of the states below.</summary>
    public const string State = "hedge.state";

    /// <summary>The attempt whose outcome the trial recorded, once it has one.</summary>
    public const string Winner = "hedge.winner";

    /// <summary>Both attempts are in flight.</summary>
    public const string Running = "running";

    /// <summary>The hedge's outcome came first and was recorded; the other attempt was told to stop.</summary>
    public const string Won = "won";

    /// <summary>The other attempt's outcome came first; the hedge was told to stop.</summary>
    public const string Lost = "lost";

    /// <summary>The hedge failed while the other attempt ran on; the trial went on with that one.</summary>
    public const string Failed = "failed";

    /// <summary>The other attempt failed while the hedge ran; the hedge became the trial's current attempt.</summary>
    public const string OtherFailed = "other-failed";

    /// <summary>What the attempt that lost the race is stored as in trial_attempts.</summary>
    public const string LostAttemptState = "Lost";
}
