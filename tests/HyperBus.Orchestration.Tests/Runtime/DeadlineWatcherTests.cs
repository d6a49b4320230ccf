using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Runtime;
using HyperBus.Orchestration.Tests.Support;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Time.Testing;

namespace HyperBus.Orchestration.Tests.Runtime;

/// <summary>
/// The deadline watcher on a fake clock (it was only tested on the wall clock): an attempt fails exactly when its
/// deadline passes, once, and one whose deadline is still ahead is left alone. Written against the public
/// <see cref="DeadlineWatcher.ExpireAsync"/> and the watcher's timer loop, so it survives a rewrite of the saga.
/// </summary>
public sealed class DeadlineWatcherTests : IAsyncLifetime, IDisposable
{
    private static readonly DateTimeOffset Start = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

    private readonly FakeTimeProvider _time = new(Start);
    private readonly StudyRuntimeRegistry _registry = new();
    private readonly Guid _soon = Guid.NewGuid();
    private readonly Guid _later = Guid.NewGuid();
    private ServiceProvider _provider = null!;
    private ITestHarness _harness = null!;
    private DeadlineWatcher _watcher = null!;

    public async Task InitializeAsync()
    {
        _provider = new ServiceCollection().AddMassTransitTestHarness().BuildServiceProvider(true);
        _harness = _provider.GetRequiredService<ITestHarness>();
        await _harness.Start();
        var spec = HostHarness.Spec("study: deadlines\ntrials: 3\ntrainer: test-remote\nspace: { x: { type: float, low: 0, high: 1 } }");
        var record = new StudyRecord(Guid.NewGuid(), spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, Start, null);
        var runtime = new StudyFactory(SamplerCatalog.Default, SchedulerCatalog.Default, null).CreateRuntime(record, spec, [], Start);
        runtime.Deadlines[(_soon, 1)] = Start.AddSeconds(10);
        runtime.Deadlines[(_later, 2)] = Start.AddSeconds(60);
        _registry.Add(runtime);
        _watcher = new DeadlineWatcher(_registry, _harness.Bus, _time, new HyperBusOptions { DeadlinePollInterval = TimeSpan.FromSeconds(1) }, NullLogger<DeadlineWatcher>.Instance);
    }

    [Fact]
    public async Task An_attempt_fails_once_when_its_deadline_passes_and_not_before()
    {
        _time.Advance(TimeSpan.FromSeconds(9.999));
        await _watcher.ExpireAsync(CancellationToken.None);
        Assert.Empty(Failures());

        _time.Advance(TimeSpan.FromSeconds(0.002));
        await _watcher.ExpireAsync(CancellationToken.None);
        await _watcher.ExpireAsync(CancellationToken.None);
        var failed = Assert.Single(await WaitForFailuresAsync(1));
        Assert.Equal((_soon, 1, true, "host"), (failed.TrialId, failed.Attempt, failed.Retryable, failed.WorkerId));
        Assert.Contains("deadline exceeded", failed.Error, StringComparison.Ordinal);

        _time.Advance(TimeSpan.FromSeconds(50));
        await _watcher.ExpireAsync(CancellationToken.None);
        Assert.Equal(new[] { (_soon, 1), (_later, 2) }.Order(), (await WaitForFailuresAsync(2)).Select(f => (f.TrialId, f.Attempt)).Order());
    }

    [Fact]
    public async Task The_watcher_checks_on_its_own_at_each_tick_of_the_clock()
    {
        await _watcher.StartAsync(CancellationToken.None);
        try
        {
            // The loop starts on another thread: tick the fake clock a second at a time, letting it run between ticks.
            for (var second = 1; second <= 30 && Failures().Count == 0; second++)
            {
                _time.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(20);
                Assert.True(second >= 10 || Failures().Count == 0, $"failed at {second} s, before the 10 s deadline");
            }

            var failed = Assert.Single(await WaitForFailuresAsync(1));
            Assert.Equal(_soon, failed.TrialId);
        }
        finally
        {
            await _watcher.StopAsync(CancellationToken.None);
        }
    }

    public async Task DisposeAsync() => await _provider.DisposeAsync();

    public void Dispose() => _watcher.Dispose();

    private List<TrialFailed> Failures() => [.. _harness.Published.Select<TrialFailed>().Select(m => m.Context.Message)];

    private async Task<List<TrialFailed>> WaitForFailuresAsync(int count)
    {
        // Publishing on the harness is asynchronous; wait (bounded) until the expected number arrived.
        for (var i = 0; i < 200 && Failures().Count < count; i++)
        {
            await Task.Delay(25);
        }

        return Failures();
    }
}
