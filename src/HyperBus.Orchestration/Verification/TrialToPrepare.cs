using HyperBus.Core.Specs;

namespace HyperBus.Orchestration.Verification;

/// <summary>A finished attempt as it arrives, before the study's lock is taken: enough to score its model, not to record it.</summary>
public sealed record TrialToPrepare(Guid StudyId, StudySpec Spec, Guid TrialId, int Attempt, string? Artifact, bool Pruned);
