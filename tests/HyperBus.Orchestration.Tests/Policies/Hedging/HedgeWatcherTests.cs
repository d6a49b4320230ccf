using HyperBus.Core.Storage;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Policies.Hedging;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Tests.Support;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HyperBus.Orchestration.Tests.Policies.Hedging;

/// <summary>
/// The hedge watcher on a fake clock: an attempt is announced for a hedge exactly when it has run past its study's
/// hedge delay (the quantile of completed durations once minCompleted have completed, or afterSeconds), at most maxHedged at once.
/// </summary>
public sealed class HedgeWatcherTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly StudyRuntimeRegistry _registry = new();
    private readonly TrialPolicies _policies;
    private readonly Guid[] _trials = [Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid()];
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;
    private HedgeWatcher _watcher = null!;

    public HedgeWatcherTests() => _policies = new TrialPolicies(_time);

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
        _watcher = new HedgeWatcher(_registry, _policies, _harness.Bus, _time, new HyperBusOptions(), NullLogger<HedgeWatcher>.Instance);
    }

    [Fact]
    public async Task Nothing_is_hedged_before_min_completed_trials_have_completed()
    {
        var study = Study("hedge: { afterQuantile: 0.5, minCompleted: 3 }", running: 1);
        study.Hedges.Completed(1);
        study.Hedges.Completed(2);
        _time.Advance(TimeSpan.FromMinutes(10));
        Assert.Equal(0, await _watcher.ScanAsync(CancellationToken.None));

        study.Hedges.Completed(3);
        Assert.Equal(1, await _watcher.ScanAsync(CancellationToken.None));
    }

    [Fact]
    public async Task An_attempt_is_hedged_once_it_has_run_past_the_quantile_of_completed_durations()
    {
        var study = Study("hedge: { afterQuantile: 0.5, minCompleted: 4 }", running: 1);
        foreach (var seconds in new[] { 4.0, 1, 3, 2 })
        {
            study.Hedges.Completed(seconds);
        }

        // The median of 1, 2, 3, 4 is 2.5 s.
        _time.Advance(TimeSpan.FromSeconds(2.499));
        Assert.Equal(0, await _watcher.ScanAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await _watcher.ScanAsync(CancellationToken.None));

        var due = Assert.Single(await WaitForAnnouncementsAsync(1));
        Assert.Equal((study.StudyId, _trials[0], 1), (due.StudyId, due.TrialId, due.Attempt));
    }

    [Fact]
    public async Task After_seconds_counts_from_the_attempts_start_once_it_has_one()
    {
        var study = Study("hedge: { afterSeconds: 5 }", running: 2);
        // The second attempt was taken from the queue 2 s after its request: its clock starts then (its worker said so at 3 s).
        _time.Advance(TimeSpan.FromSeconds(3));
        study.Hedges.Started(_trials[1], 1, Start.AddSeconds(2), _time.GetUtcNow());

        _time.Advance(TimeSpan.FromSeconds(1.999));
        Assert.Equal(0, await _watcher.ScanAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await _watcher.ScanAsync(CancellationToken.None));
        Assert.Equal(_trials[0], Assert.Single(await WaitForAnnouncementsAsync(1)).TrialId);

        _time.Advance(TimeSpan.FromSeconds(1.999));
        Assert.Equal(0, await _watcher.ScanAsync(CancellationToken.None));
        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await _watcher.ScanAsync(CancellationToken.None));
        Assert.Equal(_trials[1], (await WaitForAnnouncementsAsync(2))[1].TrialId);
    }

    [Fact]
    public async Task At_most_max_hedged_trials_are_hedged_at_once()
    {
        var study = Study("hedge: { afterSeconds: 1, maxHedged: 2 }", running: 3);
        _time.Advance(TimeSpan.FromSeconds(2));
        Assert.Equal(2, await _watcher.ScanAsync(CancellationToken.None));
        // Announced, not yet hedged: they hold their places.
        Assert.Equal(0, await _watcher.ScanAsync(CancellationToken.None));

        // Both hedged and in flight: still no room for the third.
        foreach (var announced in await WaitForAnnouncementsAsync(2))
        {
            study.Hedges.Hedged[announced.TrialId] = 0;
            study.Hedges.InFlight[announced.TrialId] = 2;
            study.Deadlines[(announced.TrialId, 2)] = Start.AddHours(1);
        }

        _time.Advance(HedgeWatcher.AnnounceAgainAfter);
        Assert.Equal(0, await _watcher.ScanAsync(CancellationToken.None));

        // One race ended: the third trial may have its hedge; a trial already hedged never gets another.
        var ended = study.Hedges.InFlight.Keys.First();
        study.Hedges.InFlight.TryRemove(ended, out _);
        study.Deadlines.TryRemove((ended, 2), out _);
        Assert.Equal(1, await _watcher.ScanAsync(CancellationToken.None));
        var third = (await WaitForAnnouncementsAsync(3))[2];
        Assert.DoesNotContain(third.TrialId, study.Hedges.Hedged.Keys);
        Assert.Equal(1, third.Attempt);
    }

    [Fact]
    public async Task A_study_without_hedge_is_never_hedged_and_its_finished_attempts_lose_their_clocks()
    {
        var study = Study(string.Empty, running: 3);
        _time.Advance(TimeSpan.FromDays(1));
        study.Deadlines.TryRemove((_trials[0], 1), out _);

        Assert.Equal(0, await _watcher.ScanAsync(CancellationToken.None));
        Assert.Equal([(_trials[1], 1), (_trials[2], 1)], study.Hedges.RunningSince.Keys.ToHashSet());
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    public void Dispose()
    {
        _watcher.Dispose();
        _policies.Dispose();
    }

    /// <summary>A study whose first <paramref name="running"/> trials each have attempt 1 in flight, requested at the start.</summary>
    private StudyRuntime Study(string policy, int running)
    {
        var spec = HostHarness.Spec($"study: hedged\ntrials: 10\ntrainer: {HostHarness.RemoteKind}\n{policy}\nspace: {{ x: {{ type: float, low: 0, high: 1 }} }}");
        var record = new StudyRecord(Guid.NewGuid(), spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, Start, null);
        var study = new StudyFactory(SamplerCatalog.Default, SchedulerCatalog.Default, null).CreateRuntime(record, spec, [], Start);
        foreach (var trial in _trials.Take(running))
        {
            study.Deadlines[(trial, 1)] = Start.AddHours(1);
            study.Hedges.Requested(trial, 1, Start);
        }

        _registry.Add(study);
        return study;
    }

    private List<HedgeDue> Announcements() => [.. _harness.Sent.Select<HedgeDue>().Select(m => m.Context.Message)];

    private async Task<List<HedgeDue>> WaitForAnnouncementsAsync(int count)
    {
        for (var i = 0; i < 200 && Announcements().Count < count; i++)
        {
            await Task.Delay(25);
        }

        return Announcements();
    }
}
