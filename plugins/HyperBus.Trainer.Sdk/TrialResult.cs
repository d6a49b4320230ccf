namespace HyperBus.Trainer.Sdk;

/// <summary>What a trainer returns: the objective, plus anything else it measured or saved.</summary>
public sealed record TrialResult(double Value)
{
    /// <summary>All objectives of a multi-objective study (Value is the first).</summary>
    public IReadOnlyList<double>? Values { get; init; }

    public IReadOnlyDictionary<string, double>? Metrics { get; init; }

    /// <summary>A path or URI of saved training state; never the bytes.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>A path or URI of the trained model.</summary>
    public string? Artifact { get; init; }

    public static implicit operator TrialResult(double value) => new(value);
}
