using HyperBus.Contracts;
using HyperBus.Core.Trials;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Builds the messages the host sends about trials.</summary>
public static class TrialMessages
{
    public static TrialRequested Request(StudyRuntime study, Trial trial, DateTimeOffset deadline)
    {
        var spec = study.Spec;
        TrialBudget? budget = spec.Fidelity is { } fidelity ? new TrialBudget(fidelity.Name, trial.Budget ?? fidelity.Max) : null;
        return new TrialRequested(study.StudyId, trial.Id, trial.Number, trial.Attempt, spec.Trainer, spec.Metric,
            trial.Params.ToJson(), spec.Fixed, budget, trial.Attributes.GetValueOrDefault(TrialAttributeKeys.ResumeFrom), deadline,
            spec.TrialTimeoutSeconds);
    }

    public static StudyProgressed Progress(StudyRuntime study)
    {
        var best = study.View().Best;
        return new StudyProgressed(study.StudyId, study.Spec.Trials, study.Count(TrialState.Completed), study.Count(TrialState.Pruned),
            study.Count(TrialState.Failed), study.Running, best?.Value, best?.Params.ToJson())
        {
            // Every progress event of a paused study says why, so a display does not lose the reason at the next outcome.
            Warning = study.PauseReason,
        };
    }

    public static StudyCompleted Completed(StudyRuntime study, StudyOutcome outcome, DateTimeOffset now)
    {
        var view = study.View();
        var best = view.Best;
        return new StudyCompleted(study.StudyId, study.Spec.Name, outcome, best?.Id, best?.Number, best?.Value, best?.Values,
            best?.Params.ToJson(), study.Count(TrialState.Completed), study.Count(TrialState.Pruned), study.Count(TrialState.Failed),
            (now - study.StartedAt).TotalSeconds)
        {
            // With several objectives no single trial is best: the front is the answer.
            ParetoFront = view.IsMultiObjective
                ? [.. ParetoDominance.ParetoFront(view.Trials, view.Directions).Select(t => new ParetoTrial(t.Id, t.Number, t.Objectives, t.Params.ToJson()))]
                : null,
        };
    }
}
