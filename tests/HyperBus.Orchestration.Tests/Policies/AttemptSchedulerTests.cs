using HyperBus.Core.Storage;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Policies;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Tests.Support;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HyperBus.Orchestration.Tests.Policies;

/// <summary>The attempt scheduler on a fake clock: a waiting retry is announced to the host exactly when its backoff is over, once.</summary>
public sealed class AttemptSchedulerTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly StudyRuntimeRegistry _registry = new();
    private readonly Guid _trial = Guid.NewGuid();
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;
    private StudyRuntime _study = null!;
    private AttemptScheduler _scheduler = null!;

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
        var spec = HostHarness.Spec($"study: backoff\ntrials: 3\ntrainer: {HostHarness.RemoteKind}\nspace: {{ x: {{ type: float, low: 0, high: 1 }} }}");
        var record = new StudyRecord(Guid.NewGuid(), spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, Start, null);
        _study = new StudyFactory(SamplerCatalog.Default, SchedulerCatalog.Default, null).CreateRuntime(record, spec, [], Start);
        _study.Waiting[(_trial, 2)] = Start.AddSeconds(5);
        _registry.Add(_study);
        var options = new HyperBusOptions { SchedulePollInterval = TimeSpan.FromMilliseconds(250) };
        _scheduler = new AttemptScheduler(_registry, _harness.Bus, _time, options, NullLogger<AttemptScheduler>.Instance);
    }

    [Fact]
    public async Task A_waiting_attempt_is_announced_when_it_is_due_and_not_before()
    {
        _time.Advance(TimeSpan.FromSeconds(4.999));
        Assert.Equal(0, await _scheduler.DispatchDueAsync(CancellationToken.None));

        _time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, await _scheduler.DispatchDueAsync(CancellationToken.None));
        var due = Assert.Single(await WaitForAnnouncementsAsync(1));
        Assert.Equal((_study.StudyId, _trial, 2), (due.StudyId, due.TrialId, due.Attempt));
    }

    [Fact]
    public async Task It_is_announced_once_and_again_only_if_it_still_waits_much_later()
    {
        _time.Advance(TimeSpan.FromSeconds(5));
        await _scheduler.DispatchDueAsync(CancellationToken.None);
        _time.Advance(TimeSpan.FromSeconds(1));
        Assert.Equal(0, await _scheduler.DispatchDueAsync(CancellationToken.None));

        // Still waiting long after: the announcement was lost, so it goes again.
        _time.Advance(AttemptScheduler.AnnounceAgainAfter);
        Assert.Equal(1, await _scheduler.DispatchDueAsync(CancellationToken.None));

        // Requested: no longer waiting, never announced again.
        _study.Waiting.Clear();
        _time.Advance(AttemptScheduler.AnnounceAgainAfter * 2);
        Assert.Equal(0, await _scheduler.DispatchDueAsync(CancellationToken.None));
        Assert.Equal(2, (await WaitForAnnouncementsAsync(2)).Count);
    }

    [Fact]
    public async Task The_scheduler_checks_on_its_own_at_each_tick_of_the_clock()
    {
        await _scheduler.StartAsync(CancellationToken.None);
        try
        {
            for (var tick = 1; tick <= 40 && Announcements().Count == 0; tick++)
            {
                _time.Advance(TimeSpan.FromMilliseconds(250));
                await Task.Delay(20);
                Assert.True(tick >= 20 || Announcements().Count == 0, $"announced at {tick * 0.25} s, before the 5 s due time");
            }

            Assert.Single(await WaitForAnnouncementsAsync(1));
        }
        finally
        {
            await _scheduler.StopAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    public void Dispose() => _scheduler.Dispose();

    private List<AttemptDue> Announcements() => [.. _harness.Sent.Select<AttemptDue>().Select(m => m.Context.Message)];

    private async Task<List<AttemptDue>> WaitForAnnouncementsAsync(int count)
    {
        for (var i = 0; i < 200 && Announcements().Count < count; i++)
        {
            await Task.Delay(25);
        }

        return Announcements();
    }
}
