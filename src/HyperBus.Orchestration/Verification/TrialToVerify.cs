using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus.Orchestration.Verification;

/// <summary>A finished attempt as the trainer reported it, with the study it belongs to.</summary>
/// <param name="View">The study before this outcome, to tell whether it is the new best.</param>
public sealed record TrialToVerify(Guid StudyId, StudySpec Spec, Trial Trial, TrialOutcome Outcome, StudyView View);
