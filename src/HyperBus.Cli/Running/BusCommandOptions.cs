using HyperBus.Orchestration.Hosting;

namespace HyperBus.Cli.Running;

/// <summary>The options every command that talks to a bus shares: transport, broker URL, storage.</summary>
public sealed record BusCommandOptions(BusTransport Transport, Uri? RabbitMq, string Storage, bool Verbose)
{
    /// <summary>How long the host's study leases last (<c>host --lease-seconds</c>); null keeps the default.</summary>
    public TimeSpan? LeaseDuration { get; init; }
}
