using HyperBus.Core.Storage;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Tests.Support;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using Polly;
using Polly.Retry;
using Polly.Testing;
using Polly.Timeout;

namespace HyperBus.Orchestration.Tests.Policies;

/// <summary>
/// The attempt timeout as Polly's timeout strategy in the study's pipeline, on a fake clock: it sits inside the retry,
/// times an attempt out at the spec's timeout, the timed-out attempt is retried after the backoff, and the study's
/// deadlines (start, reports) are evaluated from the same options.
/// </summary>
public sealed class AttemptTimeoutTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly CountingTimeProvider _time = new(Start);
    private readonly TrialPolicies _policies;

    public AttemptTimeoutTests() => _policies = new TrialPolicies(_time);

    [Fact]
    public void The_pipeline_descriptor_lists_the_retry_then_the_attempt_timeout_of_the_spec()
    {
        var study = Study("trialTimeoutSeconds: 30\nretry: { maxAttempts: 3, backoff: constant, delaySeconds: 5, jitter: false }");

        var strategies = _policies.Pipeline(study).GetPipelineDescriptor().Strategies;

        Assert.Collection(
            strategies,
            s => Assert.Equal(2, Assert.IsType<RetryStrategyOptions<FailedAttempt>>(s.Options).MaxRetryAttempts),
            s =>
            {
                var timeout = Assert.IsType<TimeoutStrategyOptions>(s.Options);
                Assert.Same(study.AttemptTimeout, timeout);
                Assert.Equal("attempt-timeout", timeout.Name);
                Assert.Equal(TimeSpan.FromSeconds(30), timeout.Timeout);
            });
        Assert.True(_policies.Registry.TryGetPipeline<FailedAttempt>(TrialPolicies.Key(study), out var registered));
        Assert.Same(registered, _policies.Pipeline(study));
    }

    [Fact]
    public void A_single_attempt_study_still_has_its_attempt_timeout()
    {
        var study = Study("maxAttempts: 1");

        var strategy = Assert.Single(_policies.Pipeline(study).GetPipelineDescriptor().Strategies);

        Assert.Equal(TimeSpan.FromSeconds(3600), Assert.IsType<TimeoutStrategyOptions>(strategy.Options).Timeout);
    }

    [Theory]
    [InlineData(30, true, 30)]
    [InlineData(30, false, 24 * 3600)]
    [InlineData(3 * 24 * 3600, true, 3 * 24 * 3600)]
    [InlineData(3 * 24 * 3600, false, 3 * 24 * 3600)]
    public void The_generator_gives_the_trial_timeout_once_started_and_a_day_while_queued(double trialSeconds, bool started, double expectedSeconds)
    {
        var options = AttemptTimeoutOptions.Create(trialSeconds);

        Assert.Equal(TimeSpan.FromSeconds(expectedSeconds), AttemptTimeoutOptions.Evaluate(options, started));
        Assert.InRange(options.Timeout, TimeSpan.FromMilliseconds(10), TimeSpan.FromDays(1));
    }

    [Fact]
    public void Deadlines_come_from_the_pipeline_s_timeout_and_a_report_extends_them()
    {
        var study = Study("trialTimeoutSeconds: 30");
        var trial = Guid.NewGuid();

        Assert.Equal(Start.AddHours(24), study.ExtendDeadline(trial, 1, Start, started: false));
        Assert.Equal(Start.AddSeconds(40), study.ExtendDeadline(trial, 1, Start.AddSeconds(10)));
        // A report at 20 s counts the timeout again from there.
        Assert.Equal(Start.AddSeconds(50), study.ExtendDeadline(trial, 1, Start.AddSeconds(20)));
        Assert.Equal(Start.AddSeconds(50), study.Deadlines[(trial, 1)]);
    }

    [Fact]
    public async Task The_registered_pipeline_times_an_attempt_out_at_the_spec_s_timeout_and_retries_it_after_the_backoff()
    {
        var study = Study("trialTimeoutSeconds: 30\nretry: { maxAttempts: 2, backoff: constant, delaySeconds: 5, jitter: false }");
        var pipeline = _policies.Pipeline(study);
        var starts = new List<DateTimeOffset>();
        var timedOut = new List<DateTimeOffset>();
        var secondStarted = new TaskCompletionSource();

        var run = pipeline.ExecuteAsync<FailedAttempt>(async token =>
        {
            lock (starts)
            {
                starts.Add(_time.GetUtcNow());
            }

            if (starts.Count == 2)
            {
                secondStarted.SetResult();
                return null!; // No failure: the attempt completed.
            }

            try
            {
                // Hangs until cancelled, on no clock: the only timers on the fake clock are Polly's.
                await Task.Delay(Timeout.InfiniteTimeSpan, token);
            }
            catch (OperationCanceledException)
            {
                timedOut.Add(_time.GetUtcNow());
                throw;
            }

            return new FailedAttempt("never reached", Retryable: false);
        }).AsTask();

        // The first attempt's timeout is armed before the attempt runs.
        await _time.WaitForTimersAsync(1);
        _time.Advance(TimeSpan.FromSeconds(29.999));
        Assert.Empty(timedOut);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await Eventually(() => timedOut.Count > 0);
        Assert.Equal([Start.AddSeconds(30)], timedOut);

        // The retry's backoff is the next timer; the second attempt starts 5 s after the timeout, not before.
        await _time.WaitForTimersAsync(2);
        _time.Advance(TimeSpan.FromSeconds(4.999));
        Assert.Single(starts);
        _time.Advance(TimeSpan.FromMilliseconds(1));
        await secondStarted.Task.WaitAsync(TimeSpan.FromSeconds(30));
        await run.WaitAsync(TimeSpan.FromSeconds(30));

        Assert.Equal([Start, Start.AddSeconds(35)], starts);
    }

    public void Dispose() => _policies.Dispose();

    /// <summary>Cancellation may run the attempt's continuation on another thread; wait (bounded) for it, the fake clock standing still.</summary>
    private static async Task Eventually(Func<bool> condition)
    {
        for (var i = 0; i < 400 && !condition(); i++)
        {
            await Task.Delay(10);
        }

        Assert.True(condition(), "the condition never held");
    }

    private static StudyRuntime Study(string policy)
    {
        var spec = HostHarness.Spec($"study: timeout\ntrials: 3\ntrainer: {HostHarness.RemoteKind}\n{policy}\nspace: {{ x: {{ type: float, low: 0, high: 1 }} }}");
        var record = new StudyRecord(Guid.NewGuid(), spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, Start, null);
        return new StudyFactory(SamplerCatalog.Default, SchedulerCatalog.Default, null).CreateRuntime(record, spec, [], Start);
    }
}
