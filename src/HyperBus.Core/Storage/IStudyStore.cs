using HyperBus.Core.Trials;

namespace HyperBus.Core.Storage;

/// <summary>
/// The source of truth for studies and trials. Every write is idempotent by (trial id, attempt): a
/// redelivered or late message can be applied twice and changes nothing the second time.
/// </summary>
public interface IStudyStore
{
    /// <summary>Creates the study; does nothing if a study with this id exists.</summary>
    Task CreateStudyAsync(StudyRecord study, CancellationToken cancellationToken = default);

    Task<StudyRecord?> GetStudyAsync(Guid studyId, CancellationToken cancellationToken = default);

    /// <summary>By id, or the newest study of that name.</summary>
    Task<StudyRecord?> FindStudyAsync(string idOrName, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken = default);

    Task SetStudyStatusAsync(Guid studyId, StudyStatus status, DateTimeOffset? finishedAt, CancellationToken cancellationToken = default);

    /// <summary>Creates a running trial at attempt 1; does nothing if the trial id exists.</summary>
    Task CreateTrialAsync(Guid studyId, Trial trial, CancellationToken cancellationToken = default);

    /// <summary>Records which worker took the attempt. False when the attempt is not the trial's current one.</summary>
    Task<bool> MarkStartedAsync(Guid trialId, int attempt, string workerId, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Appends a report of the current attempt; false for a stale attempt or a step already stored.</summary>
    Task<bool> AppendReportAsync(Guid trialId, int attempt, TrialReport report, CancellationToken cancellationToken = default);

    /// <summary>
    /// Closes <paramref name="failedAttempt"/> as failed with its error and makes attempt + 1 current.
    /// False when that attempt is no longer current or the trial already finished (a duplicate).
    /// </summary>
    Task<bool> RetryTrialAsync(Guid trialId, int failedAttempt, string error, DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>Finishes the trial with the outcome of <paramref name="attempt"/>; false if already finished or the attempt is stale.</summary>
    Task<bool> FinishTrialAsync(Guid trialId, int attempt, TrialOutcome outcome, CancellationToken cancellationToken = default);

    Task SetTrialAttributeAsync(Guid trialId, string key, string value, CancellationToken cancellationToken = default);

    /// <summary>All trials of a study in number order, with reports and attributes.</summary>
    Task<IReadOnlyList<Trial>> LoadTrialsAsync(Guid studyId, CancellationToken cancellationToken = default);

    Task<IReadOnlyList<TrialAttempt>> LoadAttemptsAsync(Guid trialId, CancellationToken cancellationToken = default);
}
