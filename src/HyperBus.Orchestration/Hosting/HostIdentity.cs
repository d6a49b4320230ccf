namespace HyperBus.Orchestration.Hosting;

/// <summary>Who this host is to the study leases: <c>host-PID-RANDOM</c>, unique per process start.</summary>
public sealed class HostIdentity
{
    public HostIdentity()
        : this($"host-{Environment.ProcessId}-{Guid.NewGuid():N}"[..^24])
    {
    }

    public HostIdentity(string id) => Id = id;

    public string Id { get; }

    public override string ToString() => Id;
}
