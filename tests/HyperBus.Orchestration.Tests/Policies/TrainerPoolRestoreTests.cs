using HyperBus.Core.Specs.Policies;
using HyperBus.Orchestration.Policies;
using Microsoft.Extensions.Time.Testing;
using Polly.Registry;

namespace HyperBus.Orchestration.Tests.Policies;

/// <summary>A trainer pool restored as broken after a host restart, on a fake clock: one break, then one probe whose outcome decides.</summary>
public sealed class TrainerPoolRestoreTests : IDisposable
{
    private const string Reason = "paused: trainer gpu failing: CUDA device unavailable";
    private static readonly CircuitBreakerSpec Breaker = new(Enabled: true, FailureRatio: 0.8, MinimumThroughput: 5, SamplingSeconds: 30, BreakSeconds: 15);

    private readonly FakeTimeProvider _time = new(new DateTimeOffset(2026, 1, 1, 0, 0, 0, TimeSpan.Zero));
    private readonly ResiliencePipelineRegistry<TrialPoolKey> _registry = new();

    [Fact]
    public void A_restored_pool_is_broken_with_the_stored_error_for_one_break_and_ignores_outcomes_meanwhile()
    {
        var pool = Restored();

        Assert.True(pool.IsBroken);
        Assert.Equal(Reason, pool.PauseReason);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(15), pool.ProbeAt);
        Assert.False(pool.TryTakeProbe(Guid.NewGuid(), 2, _time.GetUtcNow()));
        // A late success of an attempt from before the restart is no probe: still within the break.
        Assert.True(pool.Record(Guid.NewGuid(), 1, PoolOutcome.Success));
        Assert.True(pool.IsBroken);
    }

    [Fact]
    public void After_the_break_one_probe_goes_and_its_success_closes_the_breaker()
    {
        var pool = Restored();
        var probe = Guid.NewGuid();
        _time.Advance(TimeSpan.FromSeconds(15));

        Assert.True(pool.TryTakeProbe(probe, 2, _time.GetUtcNow()));
        Assert.False(pool.TryTakeProbe(Guid.NewGuid(), 2, _time.GetUtcNow()));
        Assert.False(pool.Record(probe, 2, PoolOutcome.Success));

        Assert.False(pool.IsBroken);
        // Closed again, it counts as before: five failures break it anew.
        Assert.All(Enumerable.Range(1, 4), i => Assert.False(pool.Record(Guid.NewGuid(), 1, new PoolOutcome("again"))));
        Assert.True(pool.Record(Guid.NewGuid(), 1, new PoolOutcome("again")));
    }

    [Fact]
    public void A_failed_probe_keeps_it_broken_for_another_break()
    {
        var pool = Restored();
        var probe = Guid.NewGuid();
        _time.Advance(TimeSpan.FromSeconds(16));
        Assert.True(pool.TryTakeProbe(probe, 2, _time.GetUtcNow()));

        Assert.True(pool.Record(probe, 2, new PoolOutcome("still no device")));

        Assert.Equal("paused: trainer gpu failing: still no device", pool.PauseReason);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(15), pool.ProbeAt);
        Assert.False(pool.TryTakeProbe(Guid.NewGuid(), 3, _time.GetUtcNow()));
    }

    [Fact]
    public void A_pool_without_a_breaker_or_already_broken_is_left_as_it_is()
    {
        var off = new TrainerPool("cpu", CircuitBreakerSpec.Off, _registry, _time);
        off.Restore("paused: trainer cpu failing: x");
        Assert.False(off.IsBroken);

        var pool = Restored();
        _time.Advance(TimeSpan.FromSeconds(10));
        pool.Restore(Reason);
        Assert.Equal(_time.GetUtcNow() + TimeSpan.FromSeconds(5), pool.ProbeAt);
    }

    public void Dispose() => _registry.Dispose();

    private TrainerPool Restored()
    {
        var pool = new TrainerPool("gpu", Breaker, _registry, _time);
        pool.Restore(Reason);
        return pool;
    }
}
