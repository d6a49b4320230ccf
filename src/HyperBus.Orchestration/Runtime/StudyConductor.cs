using HyperBus.Contracts;
using HyperBus.Core.Sampling;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Verification;
using MassTransit;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// The study logic behind the saga: accepts studies, keeps <c>parallelism</c> trials in flight, records
/// outcomes in the store (idempotently, so duplicates and stale attempts change nothing), retries failed
/// attempts and ends the study. Every method runs under the study's gate.
/// </summary>
public sealed class StudyConductor
{
    private static readonly TimeSpan ProgressInterval = TimeSpan.FromMilliseconds(100);

    private readonly IStudyStore _store;
    private readonly StudyRuntimeRegistry _registry;
    private readonly StudyFactory _factory;
    private readonly IDecisionRouter _decisions;
    private readonly StudyLoader _loader;
    private readonly TimeProvider _time;
    private readonly ILogger<StudyConductor> _logger;
    private readonly ITrialVerifier? _verifier;

    public StudyConductor(IStudyStore store, StudyRuntimeRegistry registry, StudyFactory factory, IDecisionRouter decisions, StudyLoader loader, TimeProvider time, ILogger<StudyConductor> logger, ITrialVerifier? verifier = null)
    {
        _verifier = verifier;
        _loader = loader;
        _store = store;
        _registry = registry;
        _factory = factory;
        _decisions = decisions;
        _time = time;
        _logger = logger;
    }

    public async Task<StudyStep> SubmitAsync(SubmitStudy message, ConsumeContext context)
    {
        if (await _store.GetStudyAsync(message.StudyId, context.CancellationToken) is not null)
        {
            // A redelivered submit: carry on with the stored study rather than starting it twice.
            return await WithStudy(message.StudyId, context, _ => Task.FromResult(StudyStep.Running));
        }

        StudySpec spec;
        try
        {
            spec = _factory.Parse(message.Spec);
        }
        catch (SpecException e)
        {
            _logger.LogWarning("Rejected study {Study}: {Errors}", message.StudyId, e.Message);
            await context.Publish(new StudyRejected(message.StudyId, e.Errors.Select(x => x.ToString()).ToList()));
            return StudyStep.Ignored;
        }

        var now = _time.GetUtcNow();
        var record = new StudyRecord(message.StudyId, spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, now, null);
        await _store.CreateStudyAsync(record, context.CancellationToken);
        var runtime = _factory.CreateRuntime(record, spec, [], now);
        _registry.Add(runtime);
        _logger.LogInformation("Study {Name} ({Study}) accepted: {Trials} trials of {Trainer}", spec.Name, record.Id, runtime.Spec.Trials, spec.Trainer);
        await context.Publish(new StudySubmitted(record.Id, spec.Name, spec.Trainer, runtime.Spec.Trials, now));
        return await Locked(runtime, () => FillAndCheck(runtime, context));
    }

    public Task<StudyStep> StartedAsync(TrialStarted m, ConsumeContext context) => WithStudy(m.StudyId, context, async study =>
    {
        var trial = study.Find(m.TrialId);
        if (trial is { IsFinished: false } && trial.Attempt == m.Attempt &&
            await _store.MarkStartedAsync(m.TrialId, m.Attempt, m.WorkerId, m.StartedAt, context.CancellationToken))
        {
            study.Replace(trial with { StartedAt = m.StartedAt });
            ExtendDeadline(study, m.TrialId, m.Attempt);
        }

        return StudyStep.Running;
    });

    public Task<StudyStep> ReportedAsync(TrialReported m, ConsumeContext context) => WithStudy(m.StudyId, context, async study =>
    {
        var trial = study.Find(m.TrialId);
        var action = TrialAction.Stop; // a report for a finished or superseded attempt: that attempt should stop
        if (trial is { IsFinished: false } && trial.Attempt == m.Attempt)
        {
            var report = new TrialReport(m.Step, m.Value);
            if (await _store.AppendReportAsync(m.TrialId, m.Attempt, report, context.CancellationToken))
            {
                trial = trial with { Reports = [.. trial.Reports, report] };
                study.Replace(trial);
            }

            ExtendDeadline(study, m.TrialId, m.Attempt);
            var decision = study.Scheduler.OnReport(study.View(), trial, report);
            action = decision.Action switch
            {
                SchedulerAction.Stop => TrialAction.Stop,
                SchedulerAction.Exploit => TrialAction.Exploit,
                _ => TrialAction.Continue,
            };
        }

        await _decisions.SendAsync(context, new TrialDecision(m.StudyId, m.TrialId, m.Attempt, m.Step, action, null, null), m.WorkerId);
        return StudyStep.Running;
    });

    public Task<StudyStep> CompletedAsync(TrialCompleted m, ConsumeContext context) => WithStudy(m.StudyId, context, async study =>
    {
        var trial = Current(study, m.TrialId, m.Attempt, nameof(TrialCompleted));
        if (trial is null)
        {
            return StudyStep.Running;
        }

        if (!double.IsFinite(m.Value))
        {
            return await FailAsync(study, trial, $"the objective is {m.Value}, not a finite number", retryable: true, context);
        }

        var state = m.Pruned ? TrialState.Pruned : TrialState.Completed;
        var now = _time.GetUtcNow();
        var outcome = new TrialOutcome(state, m.Value, now, m.DurationSeconds, m.Metrics, null, m.Checkpoint, m.Artifact, m.WorkerId) { Values = m.Values };
        // The artifact is checked (and, with verify:, the model re-scored) before anything is recorded.
        var verdict = _verifier is null ? null : await _verifier.VerifyAsync(new(study.StudyId, study.Spec, trial, outcome, study.View()), context.CancellationToken);
        if (verdict?.Error is { } rejected)
        {
            return await FailAsync(study, trial, rejected, verdict.Retryable, context);
        }

        outcome = verdict?.Outcome ?? outcome;
        if (await _store.FinishTrialAsync(trial.Id, trial.Attempt, outcome, context.CancellationToken))
        {
            study.Replace(trial with { State = state, Value = outcome.Value, Values = outcome.Values ?? trial.Values, FinishedAt = now, DurationSeconds = m.DurationSeconds, Checkpoint = m.Checkpoint ?? trial.Checkpoint, Artifact = m.Artifact ?? trial.Artifact, Attributes = verdict?.Attributes ?? trial.Attributes });
            study.Deadlines.TryRemove((trial.Id, trial.Attempt), out _);
            await PublishProgressAsync(study, context);
        }

        return await FillAndCheck(study, context);
    });

    public Task<StudyStep> FailedAsync(TrialFailed m, ConsumeContext context) => WithStudy(m.StudyId, context, async study =>
    {
        var trial = Current(study, m.TrialId, m.Attempt, nameof(TrialFailed));
        return trial is null ? StudyStep.Running : await FailAsync(study, trial, m.Error, m.Retryable, context);
    });

    public Task<StudyStep> CancelAsync(CancelStudy m, ConsumeContext context) => WithStudy(m.StudyId, context, async study =>
    {
        await EndAsync(study, StudyOutcome.Cancelled, context);
        return StudyStep.Ended;
    });

    private async Task<StudyStep> FailAsync(StudyRuntime study, Trial trial, string error, bool retryable, ConsumeContext context)
    {
        var now = _time.GetUtcNow();
        study.Deadlines.TryRemove((trial.Id, trial.Attempt), out _);
        if (retryable && trial.Attempt < study.Spec.MaxAttempts)
        {
            if (await _store.RetryTrialAsync(trial.Id, trial.Attempt, error, now, context.CancellationToken))
            {
                var retry = trial with { Attempt = trial.Attempt + 1, Reports = [], StartedAt = null };
                study.Replace(retry);
                _logger.LogInformation("Trial {Number} of {Study} failed ({Error}); attempt {Attempt} of {Max}", trial.Number, study.Spec.Name, error, retry.Attempt, study.Spec.MaxAttempts);
                await RequestAsync(study, retry, context);
            }

            return StudyStep.Running;
        }

        _logger.LogWarning("Trial {Number} of {Study} failed for good: {Error}", trial.Number, study.Spec.Name, error);
        var outcome = new TrialOutcome(TrialState.Failed, null, now, 0, Error: error);
        if (await _store.FinishTrialAsync(trial.Id, trial.Attempt, outcome, context.CancellationToken))
        {
            study.Replace(trial with { State = TrialState.Failed, FinishedAt = now });
            await PublishProgressAsync(study, context);
        }

        return await FillAndCheck(study, context);
    }

    private async Task PublishProgressAsync(StudyRuntime study, ConsumeContext context)
    {
        var now = _time.GetUtcNow();
        if (now - study.LastProgressAt < ProgressInterval && !study.IsDone)
        {
            return;
        }

        study.LastProgressAt = now;
        await context.Publish(TrialMessages.Progress(study));
    }

    /// <summary>The trial if this message is about its current, unfinished attempt; null for a duplicate or a stale attempt.</summary>
    private Trial? Current(StudyRuntime study, Guid trialId, int attempt, string what)
    {
        var trial = study.Find(trialId);
        if (trial is null || trial.IsFinished || trial.Attempt != attempt)
        {
            _logger.LogInformation("Ignored {What} for trial {Trial} attempt {Attempt}: {Reason}", what, trialId, attempt,
                trial is null ? "unknown trial" : trial.IsFinished ? "already finished" : $"attempt {trial.Attempt} is current");
            return null;
        }

        return trial;
    }

    private async Task<StudyStep> FillAndCheck(StudyRuntime study, ConsumeContext context)
    {
        try
        {
            await FillSlotsAsync(study, context);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // A sampler that throws would throw again on every message: end the study instead of looping.
            _logger.LogError(e, "Study {Study}: the sampler failed; ending the study", study.Spec.Name);
            await EndAsync(study, StudyOutcome.Failed, context);
            return StudyStep.Ended;
        }

        if (!study.IsDone)
        {
            return StudyStep.Running;
        }

        await EndAsync(study, StudyOutcome.Completed, context);
        return StudyStep.Ended;
    }

    private async Task FillSlotsAsync(StudyRuntime study, ConsumeContext context)
    {
        while (!study.Exhausted)
        {
            var view = study.View();
            var wanted = Math.Min(study.Spec.Parallelism - study.Running, study.Spec.Trials - study.Trials.Count);
            wanted = Math.Min(wanted, GenerationBarrier.Open(study.Sampler, view));
            if (wanted <= 0)
            {
                return;
            }

            var plans = TrialPlanning.Plan(study.Sampler, view, wanted, study.Spec.Enqueue);
            // A plain sampler that gives fewer is used up (a grid); a planning one may just have to wait.
            study.Exhausted = study.Sampler is IPlanningSampler ? plans.Count == 0 && study.Running == 0 : plans.Count < wanted;
            if (plans.Count == 0)
            {
                return;
            }

            var number = view.NextTrialNumber;
            foreach (var plan in plans)
            {
                var trial = TrialPlanning.NewTrial(plan, Guid.CreateVersion7(_time.GetUtcNow()), number++,
                    plan.Budget ?? study.Scheduler.BudgetForNewTrial(study.View()));
                await _store.CreateTrialAsync(study.StudyId, trial, context.CancellationToken);
                study.Add(trial);
                await RequestAsync(study, trial, context);
            }
        }
    }

    private async Task RequestAsync(StudyRuntime study, Trial trial, ConsumeContext context)
    {
        var deadline = study.ExtendDeadline(trial.Id, trial.Attempt, _time.GetUtcNow(), started: false);
        var endpoint = await context.GetSendEndpoint(new Uri($"queue:{MessageNames.TrainerQueue(study.Spec.Trainer)}"));
        await endpoint.Send(TrialMessages.Request(study, trial, deadline), context.CancellationToken);
    }

    private DateTimeOffset ExtendDeadline(StudyRuntime study, Guid trialId, int attempt) =>
        study.ExtendDeadline(trialId, attempt, _time.GetUtcNow());

    private async Task EndAsync(StudyRuntime study, StudyOutcome outcome, ConsumeContext context)
    {
        var now = _time.GetUtcNow();
        var status = outcome switch
        {
            StudyOutcome.Completed => StudyStatus.Completed,
            StudyOutcome.Cancelled => StudyStatus.Cancelled,
            _ => StudyStatus.Failed,
        };
        await _store.SetStudyStatusAsync(study.StudyId, status, now, context.CancellationToken);
        _registry.Remove(study.StudyId);
        var completed = TrialMessages.Completed(study, outcome, now);
        _logger.LogInformation("Study {Name} {Outcome}: best {Best} after {Completed} completed, {Failed} failed", study.Spec.Name, outcome, completed.BestValue, completed.Completed, completed.Failed);
        await context.Publish(completed);
    }

    /// <summary>Runs <paramref name="work"/> on the study, loading it from the store first if this host has not got it (after a restart).</summary>
    private async Task<StudyStep> WithStudy(Guid studyId, ConsumeContext context, Func<StudyRuntime, Task<StudyStep>> work)
    {
        var study = _registry.Get(studyId) ?? await _loader.LoadAsync(studyId, context.CancellationToken);
        if (study is null)
        {
            _logger.LogInformation("Ignored a message for study {Study}: not running on this host", studyId);
            return StudyStep.Ignored;
        }

        return await Locked(study, () => work(study));
    }

    private static async Task<StudyStep> Locked(StudyRuntime study, Func<Task<StudyStep>> work)
    {
        await study.Gate.WaitAsync();
        try
        {
            return await work();
        }
        finally
        {
            study.Gate.Release();
        }
    }
}
