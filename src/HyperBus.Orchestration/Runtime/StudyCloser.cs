using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Leases;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>Ends a study: its status, StudyCompleted for whoever follows it, and, after the commit, its lease and this host's copy let go.</summary>
public sealed class StudyCloser(StudyRuntimeRegistry registry, StudyOwnership ownership, TimeProvider time, ILogger<StudyCloser> logger)
{
    public void End(StudyRuntime study, StudyOutcome outcome, StudyTransaction transaction)
    {
        var now = time.GetUtcNow();
        var status = outcome switch
        {
            StudyOutcome.Completed => StudyStatus.Completed,
            StudyOutcome.Cancelled => StudyStatus.Cancelled,
            _ => StudyStatus.Failed,
        };
        transaction.Write(w => w.SetStudyStatus(study.StudyId, status, now));
        var completed = TrialMessages.Completed(study, outcome, now);
        transaction.Publish(study.StudyId, completed);
        var id = study.StudyId;
        transaction.AfterCommit.Add(async ct =>
        {
            registry.Remove(id);
            await ownership.ReleaseAsync(id, ct);
        });
        logger.LogInformation("Study {Name} {Outcome}: best {Best} after {Completed} completed, {Pruned} pruned, {Failed} failed", study.Spec.Name, outcome,
            completed.BestValue, completed.Completed, study.Count(TrialState.Pruned), completed.Failed);
    }
}
