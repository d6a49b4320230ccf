using System.Diagnostics;
using HyperBus.Contracts;
using MassTransit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>
/// Runs one trial attempt on a registered C# trainer and publishes its outcome. The message is
/// acknowledged only when this returns, i.e. after the outcome was published, so a worker that dies
/// mid-trial leaves the request to be redelivered. The trial holds one of its kind's <see cref="TrainingSlots"/>
/// while it trains, not while its outcome waits for the broker's confirm.
/// </summary>
public sealed class TrialRequestedConsumer : IConsumer<TrialRequested>
{
    private readonly IServiceProvider _services;
    private readonly WorkerIdentity _worker;
    private readonly PendingDecisions _pending;
    private readonly TrainingSlots _slots;
    private readonly WorkerOptions _options;
    private readonly TimeProvider _time;
    private readonly ILogger<TrialRequestedConsumer> _logger;

    public TrialRequestedConsumer(IServiceProvider services, WorkerIdentity worker, PendingDecisions pending, TrainingSlots slots, WorkerOptions options, TimeProvider time, ILogger<TrialRequestedConsumer> logger)
    {
        _slots = slots;
        _services = services;
        _worker = worker;
        _pending = pending;
        _options = options;
        _time = time;
        _logger = logger;
    }

    public async Task Consume(ConsumeContext<TrialRequested> context)
    {
        object outcome;
        using (await _slots.TakeAsync(context.Message.Trainer, context.CancellationToken))
        {
            outcome = await RunAsync(context);
        }

        // The slot is free already: the next request trains while the broker confirms this outcome.
        await context.Publish(outcome, outcome.GetType());
    }

    /// <summary>Trains the attempt; returns its outcome (<see cref="TrialCompleted"/> or <see cref="TrialFailed"/>) to publish.</summary>
    private async Task<object> RunAsync(ConsumeContext<TrialRequested> context)
    {
        var request = context.Message;
        var trainer = _services.GetKeyedService<ITrainer>(request.Trainer);
        if (trainer is null)
        {
            return Failure(context, $"no trainer of kind '{request.Trainer}' is registered on worker {_worker.Id}", retryable: false);
        }

        // The host allows this long without an outcome or a report; each report restarts the clock.
        if (AttemptDeadline.Span(request, _time.GetUtcNow(), out var problem) is not { } span)
        {
            return Failure(context, problem!, retryable: false);
        }

        using var expiry = new CancellationTokenSource(span, _time);
        if (request.Checkpoint is { } checkpoint && CheckpointFolders.Refuse(_options.CheckpointRoot, checkpoint) is { } refused)
        {
            return Failure(context, refused, retryable: false);
        }

        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.CancellationToken, expiry.Token);
        double? lastReported = null;
        var trial = new TrialContext(request, async (step, value, checkpoint, ct) =>
        {
            lastReported = value;
            var action = await RequestDecision(context, request, step, value, checkpoint, ct);
            expiry.CancelAfter(span);
            if (action == TrialAction.Stop)
            {
                await stop.CancelAsync();
            }

            return action;
        })
        { CheckpointRoot = _options.CheckpointRoot };

        var clock = Stopwatch.StartNew();
        var startedAt = _time.GetUtcNow();
        TrialResult result;
        try
        {
            var training = Task.Run(() => trainer.TrainAsync(trial, stop.Token), stop.Token);
            await AnnounceIfLongAsync(context, training, startedAt);
            if (!await FinishesInTimeAsync(training, expiry.Token))
            {
                _logger.LogWarning("Trial {Trial} attempt {Attempt} ignored its deadline; abandoned", request.TrialId, request.Attempt);
                return Failure(context, DeadlineError(span), retryable: true);
            }

            result = await training;
        }
        catch (OperationCanceledException) when (expiry.IsCancellationRequested && !trial.Stopped && !context.CancellationToken.IsCancellationRequested)
        {
            return Failure(context, DeadlineError(span), retryable: true);
        }
        catch (OperationCanceledException) when (trial.Stopped && !context.CancellationToken.IsCancellationRequested)
        {
            result = new TrialResult(lastReported ?? double.NaN);
        }
        catch (TrialFailedException e)
        {
            return Failure(context, e.Message, retryable: false);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            _logger.LogWarning(e, "Trial {Trial} attempt {Attempt} threw", request.TrialId, request.Attempt);
            return Failure(context, $"{e.GetType().Name}: {e.Message}", retryable: true);
        }

        if (!double.IsFinite(result.Value))
        {
            // Retryable: a diverged run (NaN loss) may well converge on another attempt.
            return Failure(context, $"the objective is {result.Value}, not a finite number", retryable: true);
        }

        return new TrialCompleted(
            request.StudyId, request.TrialId, request.Attempt, result.Value, result.Values, result.Metrics,
            trial.Stopped, result.Checkpoint, result.Artifact, clock.Elapsed.TotalSeconds, _worker.Id);
    }

    /// <summary>
    /// False when the trainer is still running <see cref="WorkerOptions.DeadlineGrace"/> after its
    /// deadline: a trainer that ignores cancellation must not hold the worker's slot for ever.
    /// </summary>
    private async Task<bool> FinishesInTimeAsync(Task training, CancellationToken expired)
    {
        var deadline = Task.Delay(Timeout.InfiniteTimeSpan, _time, expired);
        if (await Task.WhenAny(training, deadline) == training)
        {
            return true;
        }

        var grace = Task.Delay(_options.DeadlineGrace, _time, CancellationToken.None);
        return await Task.WhenAny(training, grace) == training;
    }

    private string DeadlineError(TimeSpan span) =>
        $"deadline passed: no outcome or report within {span.TotalSeconds:0} s on worker {_worker.Id}";

    /// <summary>
    /// Publishes TrialStarted once the trial has run for <see cref="WorkerOptions.StartedAnnouncementDelay"/>.
    /// A trial that finishes sooner names its worker in TrialCompleted instead, which saves a message per
    /// quick trial (a third of the bus traffic of a study of fast trials). <see cref="Task.WaitAsync(TimeSpan, TimeProvider, CancellationToken)"/>
    /// drops its timer when training ends first: a plain delay would stay queued for the whole second, thousands of
    /// live timers (and as many thread-pool wake-ups) at a few thousand quick trials a second.
    /// </summary>
    private async Task AnnounceIfLongAsync(ConsumeContext<TrialRequested> context, Task training, DateTimeOffset startedAt)
    {
        try
        {
            await training.WaitAsync(_options.StartedAnnouncementDelay, _time, context.CancellationToken);
            return;
        }
        catch (TimeoutException) when (!training.IsCompleted)
        {
            // The trial runs on past the announcement delay: announce it below.
        }
        catch
        {
            // Training ended (its outcome, fault included, is read by the caller) or the worker is stopping.
            return;
        }

        var m = context.Message;
        // The time training began, not the announcement's: finish - start then matches the measured duration.
        await context.Publish(new TrialStarted(m.StudyId, m.TrialId, m.Attempt, _worker.Id, startedAt));
    }

    private async Task<TrialAction> RequestDecision(ConsumeContext context, TrialRequested request, long step, double value, string? checkpoint, CancellationToken cancellationToken)
    {
        var answer = _pending.Register(request.TrialId, request.Attempt, step);
        await context.Publish(new TrialReported(request.StudyId, request.TrialId, request.Attempt, step, value, checkpoint, _worker.Id), cancellationToken);
        try
        {
            return await answer.WaitAsync(_options.DecisionTimeout, _time, cancellationToken);
        }
        catch (TimeoutException)
        {
            // The host is slow or away: training on is safer than losing the work done so far.
            _pending.Forget(request.TrialId, request.Attempt, step);
            return TrialAction.Continue;
        }
    }

    private TrialFailed Failure(ConsumeContext<TrialRequested> context, string error, bool retryable)
    {
        var m = context.Message;
        return new TrialFailed(m.StudyId, m.TrialId, m.Attempt, error, retryable, _worker.Id);
    }
}
