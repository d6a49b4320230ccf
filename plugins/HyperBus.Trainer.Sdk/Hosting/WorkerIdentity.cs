namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>This worker process's id: it appears in TrialStarted and routes decisions back to it.</summary>
public sealed class WorkerIdentity
{
    public WorkerIdentity(string? id = null)
    {
        Id = id ?? $"{Environment.MachineName.ToLowerInvariant()}-{Environment.ProcessId}-{Guid.NewGuid().ToString("N")[..6]}";
    }

    public string Id { get; }
}
