using HyperBus.Core.Storage;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Tests.Support;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using Microsoft.Extensions.Time.Testing;
using Polly;
using Polly.RateLimiting;
using Polly.Testing;

namespace HyperBus.Orchestration.Tests.Policies;

/// <summary>The trainer pool's rate limit as Polly's rate limiter strategy, on a fake clock: slots 1/rate apart, kept per attempt, shared by the pool's studies.</summary>
public sealed class TrainerPoolRateTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly TrialPolicies _policies;

    public TrainerPoolRateTests() => _policies = new TrialPolicies(_time);

    [Fact]
    public void The_pool_s_request_pipeline_is_registered_under_the_trainer_kind_with_the_rate_limiter_beside_its_breaker()
    {
        var study = Study("rateLimit: { trialsPerSecond: 2 }");
        var rate = _policies.Rate(study);
        _policies.Pool(study);

        Assert.True(_policies.Registry.TryGetPipeline(new TrialPoolKey(Guid.Empty, HostHarness.RemoteKind), out var pipeline));
        Assert.Same(rate.Pipeline, pipeline);
        var strategy = Assert.Single(pipeline!.GetPipelineDescriptor().Strategies);
        Assert.Same(rate.Options, Assert.IsType<RateLimiterStrategyOptions>(strategy.Options));
        Assert.Equal("trainer-pool-rate", rate.Options!.Name);
        Assert.True(_policies.Registry.TryGetPipeline<PoolOutcome>(new TrialPoolKey(Guid.Empty, HostHarness.RemoteKind), out _));
    }

    [Fact]
    public void Run_by_Polly_the_limiter_rejects_a_second_call_within_the_interval_with_the_wait()
    {
        var pipeline = _policies.Rate(Study("rateLimit: { trialsPerSecond: 2 }")).Pipeline;

        pipeline.Execute(() => { });
        var rejected = Assert.Throws<RateLimiterRejectedException>(() => pipeline.Execute(() => { }));
        Assert.Equal(TimeSpan.FromSeconds(0.5), rejected.RetryAfter);

        _time.Advance(TimeSpan.FromSeconds(0.5));
        pipeline.Execute(() => { });
    }

    [Fact]
    public void Requests_of_two_studies_on_one_pool_get_slots_one_interval_apart_and_keep_them()
    {
        var first = Study("rateLimit: { trialsPerSecond: 2 }");
        var second = Study("rateLimit: { trialsPerSecond: 2 }");
        var attempts = Enumerable.Range(0, 6).Select(_ => Guid.NewGuid()).ToList();

        var slots = attempts.Select((trial, i) => _policies.Rate(i % 2 == 0 ? first : second).HeldUntil(trial, 1)).ToList();

        Assert.Same(_policies.Rate(first), _policies.Rate(second));
        Assert.Equal([null, Start.AddSeconds(0.5), Start.AddSeconds(1), Start.AddSeconds(1.5), Start.AddSeconds(2), Start.AddSeconds(2.5)], slots);
        _time.Advance(TimeSpan.FromSeconds(1));
        // Asked again, a waiting attempt keeps its slot; one whose slot has come goes, and a newcomer queues behind all.
        Assert.Equal(Start.AddSeconds(1.5), _policies.Rate(first).HeldUntil(attempts[3], 1));
        Assert.Null(_policies.Rate(first).HeldUntil(attempts[2], 1));
        Assert.Null(_policies.Rate(first).HeldUntil(attempts[1], 1));
        Assert.Equal(Start.AddSeconds(3), _policies.Rate(first).HeldUntil(Guid.NewGuid(), 1));
    }

    [Fact]
    public void A_pool_without_a_rate_limit_never_holds_a_request()
    {
        var rate = _policies.Rate(Study(string.Empty));

        Assert.All(Enumerable.Range(0, 20), _ => Assert.Null(rate.HeldUntil(Guid.NewGuid(), 1)));
        Assert.Empty(rate.Pipeline.GetPipelineDescriptor().Strategies);
    }

    public void Dispose() => _policies.Dispose();

    private static StudyRuntime Study(string policy)
    {
        var spec = HostHarness.Spec($"study: rate\ntrials: 3\ntrainer: {HostHarness.RemoteKind}\n{policy}\nspace: {{ x: {{ type: float, low: 0, high: 1 }} }}");
        var record = new StudyRecord(Guid.NewGuid(), spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, Start, null);
        return new StudyFactory(SamplerCatalog.Default, SchedulerCatalog.Default, null).CreateRuntime(record, spec, [], Start);
    }
}
