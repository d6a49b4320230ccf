using HyperBus.Core.Trials;

namespace HyperBus.Core.Storage;

/// <summary>
/// The store's writes inside one transaction. Each conditional write returns false when it changed nothing
/// (a duplicate or a stale attempt), exactly as the matching <see cref="IStudyStore"/> method does.
/// </summary>
public interface IStudyWriter
{
    bool CreateStudy(StudyRecord study);

    bool SetStudyStatus(Guid studyId, StudyStatus status, DateTimeOffset? finishedAt);

    bool CreateTrial(Guid studyId, Trial trial);

    bool MarkStarted(Guid trialId, int attempt, string workerId, DateTimeOffset at);

    bool AppendReport(Guid trialId, int attempt, TrialReport report);

    bool RetryTrial(Guid trialId, int failedAttempt, string error, DateTimeOffset at);

    bool FinishTrial(Guid trialId, int attempt, TrialOutcome outcome);

    bool SetTrialAttribute(Guid trialId, string key, string value);

    /// <summary>Puts the trial's (not yet requested) attempt off until <paramref name="dueAt"/>; see <see cref="ScheduledAttempt"/>.</summary>
    bool ScheduleAttempt(Guid trialId, int attempt, DateTimeOffset dueAt);

    /// <summary>Records that a scheduled attempt's request was sent, so a restart does not send it again.</summary>
    bool MarkScheduledAttemptRequested(Guid trialId, int attempt, DateTimeOffset at);

    /// <summary>Stores attempt <paramref name="hedge"/> as requested beside the trial's running attempt <paramref name="primary"/>.</summary>
    bool StartHedge(Guid trialId, int primary, int hedge, DateTimeOffset at);

    /// <summary>Records which worker took a hedged attempt and when (the trial's own start stays its current attempt's).</summary>
    bool MarkHedgeStarted(Guid trialId, int hedge, string workerId, DateTimeOffset at);

    /// <summary>Ends one running attempt of a hedged trial (Failed, or Lost to the other) without finishing the trial.</summary>
    bool EndAttempt(Guid trialId, int attempt, string state, string? error, DateTimeOffset at);

    /// <summary>Makes the running hedged attempt the trial's current one in place of <paramref name="primary"/>.</summary>
    bool PromoteHedge(Guid trialId, int primary, int hedge);
}
