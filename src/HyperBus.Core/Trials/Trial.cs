using HyperBus.Core.Space;

namespace HyperBus.Core.Trials;

/// <summary>One configuration of a study and what became of it.</summary>
public sealed record Trial
{
    public required Guid Id { get; init; }

    /// <summary>0, 1, 2, ... in the order trials were created within the study.</summary>
    public required int Number { get; init; }

    public required TrialState State { get; init; }

    public required ParameterSet Params { get; init; }

    /// <summary>The current attempt (1 for the first); retries of a failed attempt keep the trial and its number.</summary>
    public int Attempt { get; init; } = 1;

    /// <summary>The objective for a completed trial, the last report for a pruned one.</summary>
    public double? Value { get; init; }

    /// <summary>All objective values of a multi-objective trial (Value is the first); null for a single objective.</summary>
    public IReadOnlyList<double>? Values { get; init; }

    /// <summary>Constraint values; each must be &lt;= 0 for the trial to be feasible (Optuna's convention). Null: no constraints.</summary>
    public IReadOnlyList<double>? Constraints { get; init; }

    public IReadOnlyList<TrialReport> Reports { get; init; } = [];

    /// <summary>Sampler and scheduler bookkeeping (generation, rung, ...), kept in the store so a restart resumes.</summary>
    // One shared empty set (read-only, so no trial can change it) instead of a dictionary made for every trial.
    public IReadOnlyDictionary<string, string> Attributes { get; init; } = System.Collections.ObjectModel.ReadOnlyDictionary<string, string>.Empty;

    public double? Budget { get; init; }

    /// <summary>The checkpoint the trial's outcome wrote (a path or URI), for PBT to copy from.</summary>
    public string? Checkpoint { get; init; }

    /// <summary>The model the trial's outcome saved (a path or URI).</summary>
    public string? Artifact { get; init; }

    /// <summary>How long the finishing attempt trained, as its trainer measured it (quick trials never announce a start).</summary>
    public double? DurationSeconds { get; init; }

    public DateTimeOffset? StartedAt { get; init; }

    public DateTimeOffset? FinishedAt { get; init; }

    public bool IsFinished => State != TrialState.Running;

    /// <summary>True unless a constraint value is positive (or not a number).</summary>
    public bool IsFeasible => Constraints is null || Constraints.All(c => c <= 0);

    /// <summary>The objective values: <see cref="Values"/>, or the single <see cref="Value"/>; empty when there is none.</summary>
    public IReadOnlyList<double> Objectives => Values ?? (Value is { } v ? [v] : []);

    public TrialReport? LastReport => Reports.Count == 0 ? null : Reports[^1];
}
