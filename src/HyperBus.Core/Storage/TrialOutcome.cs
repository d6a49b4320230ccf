using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Core.Storage;

/// <summary>How a trial attempt ended, as written to the store.</summary>
/// <param name="WorkerId">Who ran the attempt, when no TrialStarted said so already (quick trials skip it).</param>
public sealed record TrialOutcome(
    TrialState State,
    double? Value,
    DateTimeOffset FinishedAt,
    double DurationSeconds,
    IReadOnlyDictionary<string, double>? Metrics = null,
    string? Error = null,
    string? Checkpoint = null,
    string? Artifact = null,
    string? WorkerId = null)
{
    /// <summary>Every objective value of a multi-objective trial (Value holds the first).</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Constraint values (&lt;= 0 is feasible).</summary>
    public IReadOnlyList<double>? Constraints { get; init; }

    /// <summary>The trial's final configuration when it grew while the trial ran (define-by-run); null keeps the stored one.</summary>
    public ParameterSet? Params { get; init; }
}
