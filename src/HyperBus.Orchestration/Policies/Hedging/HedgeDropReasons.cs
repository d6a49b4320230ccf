namespace HyperBus.Orchestration.Policies.Hedging;

/// <summary>Why a message about a hedged trial changed nothing, counted like <see cref="Runtime.DropReasons"/>.</summary>
public static class HedgeDropReasons
{
    /// <summary>From the attempt that lost its hedge race: the other attempt's outcome was recorded first.</summary>
    public const string HedgeLost = "hedge-lost";
}
