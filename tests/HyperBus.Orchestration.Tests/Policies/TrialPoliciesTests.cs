using HyperBus.Core.Specs.Policies;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Tests.Support;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.Retry;
using Polly.Testing;

namespace HyperBus.Orchestration.Tests.Policies;

/// <summary>The retry strategy of a study's pipeline, evaluated for failed attempts on a fake clock: whether and when a trial is tried again.</summary>
public sealed class TrialPoliciesTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TrialPolicies _policies = new(new FakeTimeProvider(Start));

    [Theory]
    [InlineData("constant", new[] { 3.0, 3.0, 3.0, 3.0 })]
    [InlineData("linear", new[] { 3.0, 6.0, 9.0, 10.0 })]
    [InlineData("exponential", new[] { 3.0, 6.0, 10.0, 10.0 })]
    public void Retries_wait_as_the_backoff_says_capped_at_the_max_delay(string backoff, double[] seconds)
    {
        var study = Study($"retry: {{ maxAttempts: 5, backoff: {backoff}, delaySeconds: 3, maxDelaySeconds: 10, jitter: false }}");
        var trial = Trial();

        var delays = Enumerable.Range(1, 4).Select(attempt => _policies.RetryDelay(study, trial with { Attempt = attempt }, Retryable)!.Value.TotalSeconds);

        Assert.Equal(seconds, delays);
    }

    [Fact]
    public void The_last_attempt_and_a_failure_that_is_not_retryable_are_not_retried()
    {
        var study = Study("retry: { maxAttempts: 3, delaySeconds: 1 }");

        Assert.NotNull(_policies.RetryDelay(study, Trial() with { Attempt = 2 }, Retryable));
        Assert.Null(_policies.RetryDelay(study, Trial() with { Attempt = 3 }, Retryable));
        Assert.Null(_policies.RetryDelay(study, Trial(), new FailedAttempt("bad parameters", Retryable: false)));
    }

    [Fact]
    public void A_single_attempt_is_never_retried_and_its_pipeline_has_no_retry()
    {
        var study = Study("maxAttempts: 1");

        Assert.Null(_policies.RetryDelay(study, Trial(), Retryable));
        Assert.DoesNotContain(_policies.Pipeline(study).GetPipelineDescriptor().Strategies, s => s.Options is RetryStrategyOptions<FailedAttempt>);
    }

    [Fact]
    public void Jitter_spreads_delays_by_a_quarter_the_same_way_for_the_same_trial_and_attempt()
    {
        var study = Study("retry: { maxAttempts: 3, backoff: constant, delaySeconds: 8, jitter: true }");
        var trials = Enumerable.Range(0, 50).Select(i => Trial()).ToList();

        var delays = trials.Select(t => _policies.RetryDelay(study, t, Retryable)!.Value.TotalSeconds).ToList();

        Assert.All(delays, d => Assert.InRange(d, 6, 10));
        Assert.True(delays.Distinct().Count() > 40, "jitter gave the same delay to most trials");
        Assert.Equal(delays, trials.Select(t => _policies.RetryDelay(study, t, Retryable)!.Value.TotalSeconds));
    }

    [Fact]
    public void The_pipeline_is_registered_by_study_and_trainer_pool_with_the_spec_s_retry()
    {
        var study = Study("retry: { maxAttempts: 4, backoff: linear, delaySeconds: 2, maxDelaySeconds: 30, jitter: false }");
        _policies.RetryDelay(study, Trial(), Retryable);

        Assert.True(_policies.Registry.TryGetPipeline<FailedAttempt>(new TrialPoolKey(study.StudyId, HostHarness.RemoteKind), out var pipeline));
        var options = Assert.Single(pipeline!.GetPipelineDescriptor().Strategies.Select(s => s.Options).OfType<RetryStrategyOptions<FailedAttempt>>());
        Assert.Equal(3, options.MaxRetryAttempts);
        Assert.Equal(DelayBackoffType.Linear, options.BackoffType);
        Assert.Equal(TimeSpan.FromSeconds(2), options.Delay);
        Assert.Equal(TimeSpan.FromSeconds(30), options.MaxDelay);
        Assert.False(options.UseJitter);
        Assert.Same(pipeline, _policies.Pipeline(study));
    }

    [Fact]
    public void By_default_a_trial_is_retried_once_after_about_a_second()
    {
        var study = Study(string.Empty);

        var delay = _policies.RetryDelay(study, Trial(), Retryable)!.Value.TotalSeconds;

        Assert.InRange(delay, 1 - TrialBackoff.JitterShare, 1 + TrialBackoff.JitterShare);
        Assert.Null(_policies.RetryDelay(study, Trial() with { Attempt = 2 }, Retryable));
        Assert.Equal(RetrySpec.Default.MaxAttempts, study.Spec.MaxAttempts);
    }

    public void Dispose() => _policies.Dispose();

    private static FailedAttempt Retryable => new("simulated crash", Retryable: true);

    private static Trial Trial() => new() { Id = Guid.NewGuid(), Number = 0, State = TrialState.Running, Params = new Core.Space.ParameterSet(new Dictionary<string, object>()) };

    private static StudyRuntime Study(string policy)
    {
        var spec = HostHarness.Spec($"study: policy\ntrials: 3\ntrainer: {HostHarness.RemoteKind}\n{policy}\nspace: {{ x: {{ type: float, low: 0, high: 1 }} }}");
        var record = new StudyRecord(Guid.NewGuid(), spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, Start, null);
        return new StudyFactory(SamplerCatalog.Default, SchedulerCatalog.Default, null).CreateRuntime(record, spec, [], Start);
    }
}
