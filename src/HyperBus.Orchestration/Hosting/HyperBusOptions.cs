namespace HyperBus.Orchestration.Hosting;

/// <summary>What this process runs on the bus: the optimizer host, trainer workers, a study watcher, or several.</summary>
public sealed class HyperBusOptions
{
    public BusTransport Transport { get; set; } = BusTransport.InMemory;

    /// <summary>amqp://user:password@host:port/vhost (or amqps://) for <see cref="BusTransport.RabbitMq"/>.</summary>
    public Uri? RabbitMqUri { get; set; }

    /// <summary>Run the study saga (the optimizer host).</summary>
    public bool RunHost { get; set; }

    /// <summary>Consume TrialRequested for every registered trainer kind.</summary>
    public bool RunWorkers { get; set; }

    /// <summary>Receive study events (progress, completion) for <see cref="Feeds.StudyFeed"/>.</summary>
    public bool Watch { get; set; }

    /// <summary>The trainer kinds this worker serves; null serves every registered kind.</summary>
    public IReadOnlyCollection<string>? TrainerKinds { get; set; }

    /// <summary>Trials at once per trainer kind in this process.</summary>
    public int WorkerConcurrency { get; set; } = 1;

    /// <summary>Messages the host's queue delivers ahead of handling.</summary>
    public int HostPrefetch { get; set; } = 256;

    /// <summary>How long a host's lease on a study lasts; it is renewed every third of that. A standby takes over after it.</summary>
    public TimeSpan LeaseDuration { get; set; } = TimeSpan.FromSeconds(15);

    /// <summary>
    /// The host's queue. Hosts sharing a store share it; a host on a store of its own (a <c>tune</c> over RabbitMQ)
    /// gets one of its own, so it never competes with a service host on the same broker.
    /// </summary>
    public string HostQueue { get; set; } = Contracts.MessageNames.HostQueue;

    /// <summary>
    /// Null: the contract's exchange names, shared with every peer. Set: exchanges for published messages get this
    /// topology's prefix, so the bus talks only to itself (the start-up warm-up's study).
    /// </summary>
    public PrivateTopology? PrivateTopology { get; set; }

    /// <summary>How often the host looks for attempts past their deadline.</summary>
    public TimeSpan DeadlinePollInterval { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How often the host looks for attempts whose retry backoff is over (the resolution of retry delays).</summary>
    public TimeSpan SchedulePollInterval { get; set; } = TimeSpan.FromMilliseconds(250);

    /// <summary>How often a broker-backed host checks that its running studies' trainer queues have consumers.</summary>
    public TimeSpan TrainerQueuePollInterval { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>How long a study may wait on a trainer queue without consumers before the host warns about it.</summary>
    public TimeSpan NoWorkerWarningAfter { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>
    /// Messages above this size are refused by the host and the workers (parked in the error queue).
    /// Messages carry paths, never checkpoints or models, so 1 MiB is generous; RabbitMQ's own cap is larger.
    /// </summary>
    public long MaxMessageBytes { get; set; } = Contracts.WireLimits.MaxMessageBytes;
}
