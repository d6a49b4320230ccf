using System.Runtime.ExceptionServices;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;

namespace HyperBus;

/// <content>Define-by-run optimisation: ask, run the objective, tell, on <c>parallelism</c> workers.</content>
public sealed partial class Study
{
    private const int MaxReserved = 100_000;

    /// <summary>Runs <paramref name="trials"/> trials of a single-objective objective.</summary>
    /// <param name="catchFailures">Record an exception as a failed trial and go on; by default (as in Optuna) it ends the run and is rethrown.</param>
    public Task OptimizeAsync(Func<RunningTrial, Task<double>> objective, int trials, int parallelism = 1, bool catchFailures = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return OptimizeCoreAsync(t => AsResult(objective(t)), trials, parallelism, catchFailures, cancellationToken);
    }

    /// <summary>Runs <paramref name="trials"/> trials of an objective that returns several values and/or constraint values.</summary>
    public Task OptimizeAsync(Func<RunningTrial, Task<ObjectiveResult>> objective, int trials, int parallelism = 1, bool catchFailures = false,
        CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(objective);
        return OptimizeCoreAsync(t => new ValueTask<ObjectiveResult>(objective(t)), trials, parallelism, catchFailures, cancellationToken);
    }

    // The objective as a ValueTask: a synchronous single-value objective then costs no task per trial.
    private async Task OptimizeCoreAsync(Func<RunningTrial, ValueTask<ObjectiveResult>> objective, int trials, int parallelism, bool catchFailures,
        CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(trials);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(parallelism);
        // Room for the run up front (capped: a huge count stopped by cancellation must not reserve it all), instead of
        // growing the study's and the in-memory store's tables by doubling, which copies them and leaves the old ones as garbage.
        var reserve = Math.Min(trials, MaxReserved);
        _trials.Reserve(reserve);
        (Store as InMemoryStudyStore)?.Reserve(reserve);
        var remaining = trials;
        ExceptionDispatchInfo? failure = null;
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);

        async Task Worker()
        {
            while (!stop.IsCancellationRequested && Interlocked.Decrement(ref remaining) >= 0)
            {
                var trial = await AskCoreAsync(null, null, stop.Token);
                ObjectiveResult result;
                try
                {
                    result = await objective(trial);
                }
                catch (TrialPrunedException)
                {
                    await FinishAsync(trial, TrialState.Pruned, null, null, CancellationToken.None);
                    continue;
                }
                catch (Exception e)
                {
                    // The trial is recorded as failed whatever happens next, so the store never keeps it running.
                    await FinishAsync(trial, TrialState.Failed, null, e is OperationCanceledException ? "cancelled" : $"{e.GetType().Name}: {e.Message}", CancellationToken.None);
                    if (catchFailures && e is not OperationCanceledException)
                    {
                        continue;
                    }

                    Interlocked.CompareExchange(ref failure, ExceptionDispatchInfo.Capture(e), null);
                    await stop.CancelAsync();
                    return;
                }

                await TellCoreAsync(trial, result, CancellationToken.None);
            }
        }

        // Task.Run: a CPU-bound objective that never awaits must not serialise the workers.
        var workers = Enumerable.Range(0, parallelism).Select(_ => Task.Run(Worker, CancellationToken.None)).ToList();
        try
        {
            await Task.WhenAll(workers);
        }
        catch (OperationCanceledException) when (failure is not null || cancellationToken.IsCancellationRequested)
        {
            // A worker stopped while asking; the failure (or the caller's cancellation) is reported below.
        }

        failure?.Throw();
        cancellationToken.ThrowIfCancellationRequested();
        if (!HasPending)
        {
            await Store.SetStudyStatusAsync(Id, StudyStatus.Completed, _time.GetUtcNow(), CancellationToken.None);
            _status = StudyStatus.Completed;
        }
    }

    // An objective that finished synchronously (the usual trivial or CPU-bound one) needs no async state machine per trial.
    private static ValueTask<ObjectiveResult> AsResult(Task<double> value) =>
        value.IsCompletedSuccessfully ? new(ObjectiveResult.FromDouble(value.Result)) : new(AwaitResultAsync(value));

    private static async Task<ObjectiveResult> AwaitResultAsync(Task<double> value) => ObjectiveResult.FromDouble(await value);
}
