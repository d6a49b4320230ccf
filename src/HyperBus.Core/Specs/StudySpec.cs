using System.Text.Json;
using HyperBus.Core.Space;
using HyperBus.Core.Specs.Policies;
using HyperBus.Core.Trials;

namespace HyperBus.Core.Specs;

/// <summary>A validated study spec: what the user asked to tune and how.</summary>
public sealed record StudySpec
{
    public required string Name { get; init; }

    public StudyDirection Direction { get; init; } = StudyDirection.Minimize;

    /// <summary>One direction per objective (<c>directions: [maximize, minimize]</c>); [Direction] for a single objective.</summary>
    public IReadOnlyList<StudyDirection> Directions { get => field ?? [Direction]; init; }

    /// <summary>Configurations the first trials run, in order, before the sampler is asked (<c>enqueue:</c>).</summary>
    public IReadOnlyList<ParameterSet> Enqueue { get; init; } = [];

    /// <summary>The name of the objective (e.g. accuracy); a label for reports and trainers.</summary>
    public string Metric { get; init; } = "value";

    /// <summary>How many trials to run; for a grid, at most the grid's size.</summary>
    public required int Trials { get; init; }

    public int Parallelism { get; init; } = 1;

    /// <summary>Attempts per trial before it is marked failed (a first try plus retries).</summary>
    public int MaxAttempts => Policy.Retry.MaxAttempts;

    /// <summary>Retry with backoff, circuit breaker, hedging and rate limit for the study's attempts.</summary>
    public TrialPolicySpec Policy { get; init; } = TrialPolicySpec.Default;

    /// <summary>How long an attempt may go without finishing or reporting before it is failed.</summary>
    public double TrialTimeoutSeconds { get; init; } = 3600;

    public required ComponentSpec Sampler { get; init; }

    public ComponentSpec Scheduler { get; init; } = new("fifo", []);

    public required string Trainer { get; init; }

    public IReadOnlyDictionary<string, JsonElement> Fixed { get; init; } = new Dictionary<string, JsonElement>();

    public FidelitySpec? Fidelity { get; init; }

    /// <summary>The folder trainers write models to; a returned artifact must lie inside it.</summary>
    public string? Artifacts { get; init; }

    /// <summary>Re-score returned ONNX models on a held-out share of the dataset.</summary>
    public VerifySpec? Verify { get; init; }

    public required SearchSpace Space { get; init; }

    /// <summary>The spec as a JSON object (the user's document, with overrides applied) for messages and the store.</summary>
    public required JsonElement Document { get; init; }
}
