using System.Diagnostics;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Metrics;

namespace HyperBus.Telemetry;

/// <summary>
/// The study store with every write timed (<c>hyperbus.store.write.duration</c>) and traced as a <c>store.*</c>
/// span; reads pass straight through. Decorates whichever store the host registered.
/// </summary>
public sealed class TimedStudyStore : IStudyStore
{
    private readonly IStudyStore _inner;
    private readonly HyperBusMetrics _metrics;
    private readonly TimeProvider _time;

    public TimedStudyStore(IStudyStore inner, HyperBusMetrics metrics, TimeProvider time)
    {
        _inner = inner;
        _metrics = metrics;
        _time = time;
    }

    public Task CreateStudyAsync(StudyRecord study, CancellationToken cancellationToken = default) =>
        Write("create_study", study.Id, null, () => _inner.CreateStudyAsync(study, cancellationToken));

    public Task<StudyRecord?> GetStudyAsync(Guid studyId, CancellationToken cancellationToken = default) => _inner.GetStudyAsync(studyId, cancellationToken);

    public Task<StudyRecord?> FindStudyAsync(string idOrName, CancellationToken cancellationToken = default) => _inner.FindStudyAsync(idOrName, cancellationToken);

    public Task<IReadOnlyList<StudyRecord>> ListStudiesAsync(CancellationToken cancellationToken = default) => _inner.ListStudiesAsync(cancellationToken);

    public Task SetStudyStatusAsync(Guid studyId, StudyStatus status, DateTimeOffset? finishedAt, CancellationToken cancellationToken = default) =>
        Write("set_study_status", studyId, null, () => _inner.SetStudyStatusAsync(studyId, status, finishedAt, cancellationToken));

    public Task CreateTrialAsync(Guid studyId, Trial trial, CancellationToken cancellationToken = default) =>
        Write("create_trial", studyId, trial.Id, () => _inner.CreateTrialAsync(studyId, trial, cancellationToken));

    public Task<bool> MarkStartedAsync(Guid trialId, int attempt, string workerId, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Write("mark_started", null, trialId, () => _inner.MarkStartedAsync(trialId, attempt, workerId, at, cancellationToken));

    public Task<bool> AppendReportAsync(Guid trialId, int attempt, TrialReport report, CancellationToken cancellationToken = default) =>
        Write("append_report", null, trialId, () => _inner.AppendReportAsync(trialId, attempt, report, cancellationToken));

    public Task<bool> RetryTrialAsync(Guid trialId, int failedAttempt, string error, DateTimeOffset at, CancellationToken cancellationToken = default) =>
        Write("retry_trial", null, trialId, () => _inner.RetryTrialAsync(trialId, failedAttempt, error, at, cancellationToken));

    public Task<bool> FinishTrialAsync(Guid trialId, int attempt, TrialOutcome outcome, CancellationToken cancellationToken = default) =>
        Write("finish_trial", null, trialId, () => _inner.FinishTrialAsync(trialId, attempt, outcome, cancellationToken));

    public Task SetTrialAttributeAsync(Guid trialId, string key, string value, CancellationToken cancellationToken = default) =>
        Write("set_trial_attribute", null, trialId, () => _inner.SetTrialAttributeAsync(trialId, key, value, cancellationToken));

    public Task<IReadOnlyList<Trial>> LoadTrialsAsync(Guid studyId, CancellationToken cancellationToken = default) => _inner.LoadTrialsAsync(studyId, cancellationToken);

    public Task<IReadOnlyList<TrialAttempt>> LoadAttemptsAsync(Guid trialId, CancellationToken cancellationToken = default) => _inner.LoadAttemptsAsync(trialId, cancellationToken);

    private async Task Write(string operation, Guid? studyId, Guid? trialId, Func<Task> write) =>
        await Write(operation, studyId, trialId, async () =>
        {
            await write();
            return true;
        });

    private async Task<T> Write<T>(string operation, Guid? studyId, Guid? trialId, Func<Task<T>> write)
    {
        using var activity = HyperBusActivitySource.Source.StartActivity("store." + operation);
        activity?.SetTag("db.system", "hyperbus-store");
        if (studyId is { } s)
        {
            activity?.SetTag("hyperbus.study_id", s);
        }

        if (trialId is { } t)
        {
            activity?.SetTag("hyperbus.trial_id", t);
        }

        var started = _time.GetTimestamp();
        try
        {
            return await write();
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            _metrics.RecordStoreWrite(operation, _time.GetElapsedTime(started));
        }
    }
}
