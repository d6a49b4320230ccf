using System.Diagnostics;
using HyperBus.Orchestration.Metrics;

namespace HyperBus.Orchestration.Metrics;

/// <summary>The <c>HyperBus</c> activity source: spans for store writes and verification, beside MassTransit's own.</summary>
public static class HyperBusActivitySource
{
    public const string Name = "HyperBus";

    /// <summary>MassTransit's source: send, receive and consume spans, trace context carried in message headers.</summary>
    public const string MassTransitName = "MassTransit";

    public static ActivitySource Source { get; } = new(Name);
}
