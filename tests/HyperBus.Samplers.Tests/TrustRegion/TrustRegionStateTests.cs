using HyperBus.Samplers.TrustRegion;

namespace HyperBus.Samplers.Tests.TrustRegion;

/// <summary>The trust region replayed from losses: it doubles after successes, halves after failures and restarts when it collapses.</summary>
public sealed class TrustRegionStateTests
{
    private static readonly TrustRegionOptions Options = new(InitialLength: 0.8, MinLength: 0.1, MaxLength: 1.6, SuccessTolerance: 3);

    [Fact]
    public void Three_improvements_in_a_row_double_the_region()
    {
        double[] losses = [5, 4, 3, 2, 1, 0];
        var state = TrustRegionState.Replay(losses, Options, startup: 3, failureTolerance: 4);
        Assert.Equal(1.6, state.Length, 12);
    }

    [Fact]
    public void Failures_halve_the_region_and_a_success_resets_the_count()
    {
        // After the 2 start-up trials: 3 failures, a success, then 4 failures: one halving, not two.
        double[] losses = [5, 4, 9, 9, 9, 3, 9, 9, 9, 9];
        var state = TrustRegionState.Replay(losses, Options, startup: 2, failureTolerance: 4);
        Assert.Equal(0.4, state.Length, 12);
        Assert.Equal(0, state.RunStart);
    }

    [Fact]
    public void A_collapsed_region_reopens_around_the_same_run()
    {
        // 0.8 -> 0.4 -> 0.2 -> 0.1 -> 0.05 < 0.1 after 4 x 2 failures: the region reopens at 0.8, data kept.
        var losses = new List<double> { 5, 4 };
        losses.AddRange(Enumerable.Repeat(9.0, 8));
        losses.Add(7);
        var state = TrustRegionState.Replay(losses, Options, startup: 2, failureTolerance: 2);
        Assert.Equal(new TrustRegionState(0.8, 0, 1), state);
    }

    [Fact]
    public void With_fresh_restarts_a_collapsed_region_starts_a_new_run_after_the_trial_that_collapsed_it()
    {
        var losses = new List<double> { 5, 4 };
        losses.AddRange(Enumerable.Repeat(9.0, 8));
        losses.Add(7);
        var state = TrustRegionState.Replay(losses, Options with { FreshRestarts = true }, startup: 2, failureTolerance: 2);
        Assert.Equal(new TrustRegionState(0.8, 10, 1), state);
    }

    [Fact]
    public void A_tiny_improvement_is_not_a_success()
    {
        // TuRBO's relative margin: 1e-3 of the best.
        double[] losses = [100, 100, 99.95, 99.92, 99.91, 99.9];
        var state = TrustRegionState.Replay(losses, Options, startup: 2, failureTolerance: 4);
        Assert.Equal(0.4, state.Length, 12);
    }
}
