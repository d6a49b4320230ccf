using HyperBus.Core.Specs.Policies;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Policies.Hedging;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Tests.Support;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using Microsoft.Extensions.Time.Testing;
using Polly.Hedging;
using Polly.Testing;

namespace HyperBus.Orchestration.Tests.Policies.Hedging;

/// <summary>The hedging strategy of a study's pipeline: registered with the study, and its delay as the spec says.</summary>
public sealed class TrialHedgeOptionsTests : IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly TrialPolicies _policies = new(new FakeTimeProvider(Start));

    [Theory]
    [InlineData(0.5, 2.5)]
    [InlineData(0.9, 3.7)]
    [InlineData(0.0, 1.0)]
    [InlineData(1.0, 4.0)]
    public void The_quantile_interpolates_between_the_nearest_durations(double quantile, double seconds) =>
        Assert.Equal(seconds, DurationQuantile.Of([1, 2, 3, 4], quantile), 9);

    [Fact]
    public void The_delay_waits_for_min_completed_then_follows_the_quantile()
    {
        var hedge = new HedgeSpec(0.5, MinCompleted: 3, MaxHedged: 2, AfterSeconds: null);
        Assert.Equal(Timeout.InfiniteTimeSpan, TrialHedgeOptions.After(hedge, [1, 2]));
        Assert.Equal(TimeSpan.FromSeconds(2), TrialHedgeOptions.After(hedge, [1, 2, 3]));
        Assert.Equal(TimeSpan.FromSeconds(9), TrialHedgeOptions.After(hedge with { AfterQuantile = null, AfterSeconds = 9 }, []));
    }

    [Fact]
    public void The_study_pipeline_has_the_hedging_strategy_and_its_delay_comes_from_the_completed_trials()
    {
        var study = Study("hedge: { afterQuantile: 0.9, minCompleted: 2, maxHedged: 3 }");
        Assert.Null(_policies.HedgeDelay(study));
        // Asking for the delay registered the study's pipeline under its name.
        Assert.True(_policies.Registry.TryGetPipeline<FailedAttempt>(TrialPolicies.Key(study), out var pipeline));
        var strategies = pipeline!.GetPipelineDescriptor().Strategies;

        var hedging = Assert.IsType<HedgingStrategyOptions<FailedAttempt>>(Assert.Single(strategies, s => s.Options is HedgingStrategyOptions<FailedAttempt>).Options);
        Assert.Equal("trial-hedge", hedging.Name);
        Assert.Equal(1, hedging.MaxHedgedAttempts);

        study.Hedges.Completed(10);
        study.Hedges.Completed(20);
        Assert.Equal(19, _policies.HedgeDelay(study)!.Value.TotalSeconds, 9);
    }

    [Fact]
    public void A_study_without_hedge_has_no_hedging_strategy()
    {
        var study = Study("retry: { maxAttempts: 2 }");
        Assert.DoesNotContain(_policies.Pipeline(study).GetPipelineDescriptor().Strategies, s => s.Options is HedgingStrategyOptions<FailedAttempt>);
        Assert.Null(_policies.HedgeDelay(study));
    }

    public void Dispose() => _policies.Dispose();

    private static StudyRuntime Study(string policy)
    {
        var spec = HostHarness.Spec($"study: policy\ntrials: 3\ntrainer: {HostHarness.RemoteKind}\n{policy}\nspace: {{ x: {{ type: float, low: 0, high: 1 }} }}");
        var record = new StudyRecord(Guid.NewGuid(), spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, Start, null);
        return new StudyFactory(SamplerCatalog.Default, SchedulerCatalog.Default, null).CreateRuntime(record, spec, [], Start);
    }
}
