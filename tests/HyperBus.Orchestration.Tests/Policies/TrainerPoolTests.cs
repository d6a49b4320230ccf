using HyperBus.Core.Specs.Policies;
using HyperBus.Orchestration.Policies;
using Microsoft.Extensions.Time.Testing;
using Polly.CircuitBreaker;
using Polly.Registry;
using Polly.Testing;

namespace HyperBus.Orchestration.Tests.Policies;

/// <summary>A trainer pool's circuit breaker on a fake clock: when it opens, when its one probe may go, and what the probe's outcome does.</summary>
public sealed class TrainerPoolTests : IDisposable
{
    private static readonly CircuitBreakerSpec Breaker = new(Enabled: true, FailureRatio: 0.8, MinimumThroughput: 5, SamplingSeconds: 30, BreakSeconds: 15);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ResiliencePipelineRegistry<TrialPoolKey> _registry = new();

    [Fact]
    public void It_breaks_once_enough_attempts_failed_and_names_the_last_error()
    {
        var pool = Pool();

        Assert.All(Enumerable.Range(1, 4), i => Assert.False(pool.Record(Guid.NewGuid(), 1, new PoolOutcome($"error {i}"))));
        Assert.True(pool.Record(Guid.NewGuid(), 1, new PoolOutcome("CUDA device unavailable")));

        Assert.True(pool.IsBroken);
        Assert.Equal("paused: trainer gpu failing: CUDA device unavailable", pool.PauseReason);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(15), pool.ProbeAt);
    }

    [Fact]
    public void A_trainer_that_fails_every_first_attempt_does_not_break_it()
    {
        var pool = Pool();

        for (var trial = 0; trial < 20; trial++)
        {
            var id = Guid.NewGuid();
            Assert.False(pool.Record(id, 1, new PoolOutcome("simulated crash")));
            Assert.False(pool.Record(id, 2, PoolOutcome.Success));
        }
    }

    [Fact]
    public void With_the_defaults_a_burst_of_first_attempt_failures_between_successes_does_not_break_it()
    {
        var pool = new TrainerPool("flaky", CircuitBreakerSpec.Default, _registry, _time);

        // Parallelism 3, every first attempt fails: three fail, a retry succeeds and the trial it frees fails at once.
        foreach (var failed in new[] { true, true, true, false, true, false, true, false, true, false, false, false })
        {
            Assert.False(pool.Record(Guid.NewGuid(), 1, failed ? new PoolOutcome("simulated crash") : PoolOutcome.Success));
        }
    }

    [Fact]
    public void One_probe_goes_after_the_break_and_its_success_closes_the_breaker()
    {
        var pool = BrokenPool();
        var probe = Guid.NewGuid();

        _time.Advance(TimeSpan.FromSeconds(14.9));
        Assert.False(pool.TryTakeProbe(probe, 2, _time.GetUtcNow()));
        _time.Advance(TimeSpan.FromSeconds(0.1));
        Assert.True(pool.TryTakeProbe(probe, 2, _time.GetUtcNow()));
        Assert.False(pool.TryTakeProbe(Guid.NewGuid(), 2, _time.GetUtcNow()));

        Assert.False(pool.Record(probe, 2, PoolOutcome.Success));
        Assert.False(pool.IsBroken);
    }

    [Fact]
    public void A_failed_probe_keeps_it_broken_for_another_break()
    {
        var pool = BrokenPool();
        var probe = Guid.NewGuid();
        _time.Advance(TimeSpan.FromSeconds(15));
        Assert.True(pool.TryTakeProbe(probe, 2, _time.GetUtcNow()));

        Assert.True(pool.Record(probe, 2, new PoolOutcome("still down")));

        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(15), pool.ProbeAt);
        Assert.False(pool.TryTakeProbe(Guid.NewGuid(), 3, _time.GetUtcNow()));
        Assert.Equal("paused: trainer gpu failing: still down", pool.PauseReason);
    }

    [Fact]
    public void Its_breaker_is_registered_under_the_trainer_kind_with_the_spec_s_settings()
    {
        Pool();

        var pipeline = _registry.GetPipeline<PoolOutcome>(new TrialPoolKey(Guid.Empty, "gpu"));
        var options = Assert.IsType<CircuitBreakerStrategyOptions<PoolOutcome>>(Assert.Single(pipeline.GetPipelineDescriptor().Strategies).Options);
        Assert.Equal((0.8, 5, TimeSpan.FromSeconds(30), TimeSpan.FromSeconds(15)),
            (options.FailureRatio, options.MinimumThroughput, options.SamplingDuration, options.BreakDuration));
    }

    [Fact]
    public void Switched_off_it_never_breaks()
    {
        var pool = new TrainerPool("cpu", CircuitBreakerSpec.Off, _registry, _time);

        Assert.All(Enumerable.Range(0, 50), _ => Assert.False(pool.Record(Guid.NewGuid(), 1, new PoolOutcome("down"))));
        Assert.Empty(_registry.GetPipeline<PoolOutcome>(new TrialPoolKey(Guid.Empty, "cpu")).GetPipelineDescriptor().Strategies);
    }

    public void Dispose() => _registry.Dispose();

    private TrainerPool Pool() => new("gpu", Breaker, _registry, _time);

    private TrainerPool BrokenPool()
    {
        var pool = Pool();
        for (var i = 0; i < 5; i++)
        {
            pool.Record(Guid.NewGuid(), 1, new PoolOutcome("down"));
        }

        Assert.True(pool.IsBroken);
        return pool;
    }
}
