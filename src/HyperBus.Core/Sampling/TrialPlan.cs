using HyperBus.Core.Space;

namespace HyperBus.Core.Sampling;

/// <summary>
/// A new trial as a planning sampler wants it: its configuration and, beyond what a plain sampler can
/// say, the budget it gets, the checkpoint it starts from (PBT's exploit) and bookkeeping attributes
/// (generation, member, parent) that are stored with the trial so a restarted host plans the same way.
/// </summary>
public sealed record TrialPlan(ParameterSet Params)
{
    /// <summary>Overrides the scheduler's budget for this trial when set.</summary>
    public double? Budget { get; init; }

    /// <summary>A checkpoint (path or URI) the trainer resumes from.</summary>
    public string? ResumeFrom { get; init; }

    public IReadOnlyDictionary<string, string> Attributes { get; init; } = new Dictionary<string, string>();
}
