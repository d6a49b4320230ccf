namespace HyperBus.Conformance;

/// <summary>What the kit drives: the broker, the worker's trainer kind, and how long to wait for things.</summary>
public sealed record ConformanceOptions(Uri RabbitMq, string Trainer)
{
    /// <summary>How long to wait for a worker to consume the trainer queue before giving up.</summary>
    public TimeSpan WaitForWorker { get; init; } = TimeSpan.FromSeconds(30);

    /// <summary>How long a case waits for an outcome that should come promptly.</summary>
    public TimeSpan OutcomeTimeout { get; init; } = TimeSpan.FromSeconds(15);

    /// <summary>Only these cases (by name); null runs them all.</summary>
    public IReadOnlyCollection<string>? Cases { get; init; }
}
