using Polly;
using Polly.Timeout;

namespace HyperBus.Orchestration.Policies;

/// <summary>
/// Polly's timeout strategy options for a study's attempts: the spec's <c>trialTimeoutSeconds</c> once a worker has the
/// attempt (counted again from its start and from every report), a day while its request waits in the queue. The saga
/// cannot await an attempt inside a handler, so it evaluates the generator for each deadline it arms and the deadline
/// watcher fails the attempt when that time passes on the host's clock.
/// </summary>
public static class AttemptTimeoutOptions
{
    /// <summary>Whether a worker took the attempt (started or reported); false while its request waits to be taken.</summary>
    public static readonly ResiliencePropertyKey<bool> Started = new("hyperbus.attempt-started");

    /// <summary>
    /// How long a requested attempt may wait for a worker. Time in the queue is not the trial's fault (parallelism above
    /// the workers' capacity queues requests by design); this only catches a request that was lost.
    /// </summary>
    public static readonly TimeSpan QueuedTimeout = TimeSpan.FromHours(24);

    /// <summary>Polly accepts a fixed timeout of at most a day; longer trial timeouts (up to 30 days) come from the generator.</summary>
    private static readonly TimeSpan MaxFixedTimeout = TimeSpan.FromHours(24);

    public static TimeoutStrategyOptions Create(double trialTimeoutSeconds)
    {
        var trial = TimeSpan.FromSeconds(trialTimeoutSeconds);
        return new TimeoutStrategyOptions
        {
            Name = "attempt-timeout",
            Timeout = trial < MaxFixedTimeout ? trial : MaxFixedTimeout,
            TimeoutGenerator = args => ValueTask.FromResult(For(trial, args.Context.Properties.GetValue(Started, true))),
        };
    }

    /// <summary>The attempt's timeout as the options' generator gives it, counted from now (its request, start or last report).</summary>
    public static TimeSpan Evaluate(TimeoutStrategyOptions options, bool started)
    {
        if (options.TimeoutGenerator is null)
        {
            return options.Timeout;
        }

        var context = ResilienceContextPool.Shared.Get();
        try
        {
            context.Properties.Set(Started, started);
            // The generator above completes synchronously; there is nothing to wait for.
            return options.TimeoutGenerator(new TimeoutGeneratorArguments(context)).AsTask().GetAwaiter().GetResult();
        }
        finally
        {
            ResilienceContextPool.Shared.Return(context);
        }
    }

    private static TimeSpan For(TimeSpan trial, bool started) => started || trial > QueuedTimeout ? trial : QueuedTimeout;
}
