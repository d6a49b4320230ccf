using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Hosting;
using HyperBus.Orchestration.Feeds;
using HyperBus.Orchestration.Hosting;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using HyperBus.Storage;
using HyperBus.Trainer.Sdk;
using MassTransit;
using MassTransit.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperBus.Orchestration.Tests.Support;

/// <summary>The optimizer host with in-process test trainers on MassTransit's test harness, over a SQLite file.</summary>
public sealed class HostHarness : IAsyncDisposable
{
    private readonly ServiceProvider _provider;

    private HostHarness(ServiceProvider provider, string storePath)
    {
        _provider = provider;
        StorePath = storePath;
        Harness = provider.GetRequiredService<ITestHarness>();
    }

    /// <summary>A trainer kind no in-process worker serves: its trials wait for outcomes the test publishes.</summary>
    public const string RemoteKind = "test-remote";

    public ITestHarness Harness { get; }

    public string StorePath { get; }

    public TrainerProbe Probe => _provider.GetRequiredService<TrainerProbe>();

    public IStudyStore Store => _provider.GetRequiredService<IStudyStore>();

    public static async Task<HostHarness> StartAsync(string storePath, int workerConcurrency = 8, TrainerProbe? probe = null, Action<IServiceCollection>? configure = null)
    {
        // The remote kind is registered (so the host accepts it) but served by no endpoint here.
        var options = new HyperBusOptions
        {
            RunHost = true,
            RunWorkers = true,
            Watch = true,
            WorkerConcurrency = workerConcurrency,
            TrainerKinds = [QuadraticTrainer.Kind, FlakyTrainer.Kind, StragglerTrainer.Kind],
        };
        var services = new ServiceCollection();
        // MassTransit keeps the first logger factory in a static; a factory that ignores Dispose lets a
        // test start a second host (a simulated restart) after the first one's container is gone.
        services.AddSingleton<ILoggerFactory>(NullLoggerFactory.Instance);
        services.AddSingleton(typeof(ILogger<>), typeof(NullLogger<>));
        services.AddSingleton(probe ?? new TrainerProbe());
        services.AddSqliteStudyStore(storePath);
        services.AddTrainer<QuadraticTrainer>(QuadraticTrainer.Kind);
        services.AddTrainer<FlakyTrainer>(FlakyTrainer.Kind);
        services.AddTrainer<StragglerTrainer>(StragglerTrainer.Kind);
        services.AddTrainer<QuadraticTrainer>(RemoteKind);
        configure?.Invoke(services);
        services.AddHyperBusServices(options);
        services.AddMassTransitTestHarness(x => x.AddHyperBusBus(options));
        var provider = services.BuildServiceProvider(validateScopes: true);
        var harness = new HostHarness(provider, storePath);
        harness.Harness.TestTimeout = TimeSpan.FromSeconds(60);
        await harness.Harness.Start();
        return harness;
    }

    public static StudySpec Spec(string yaml) =>
        StudySpecParser.Parse(yaml, new SpecCatalogs(SamplerCatalog.Default, SchedulerCatalog.Default, [QuadraticTrainer.Kind, FlakyTrainer.Kind, StragglerTrainer.Kind, RemoteKind]));

    /// <summary>Submits the study and waits for it to end.</summary>
    public async Task<StudyCompleted> RunAsync(string yaml, Guid? studyId = null)
    {
        var id = studyId ?? Guid.NewGuid();
        var events = Follow(id);
        await SubmitAsync(yaml, id);
        return await WaitForEndAsync(id, events);
    }

    public System.Threading.Channels.ChannelReader<object> Follow(Guid studyId) => _provider.GetRequiredService<StudyFeed>().Follow(studyId);

    public async Task SubmitAsync(string yaml, Guid studyId)
    {
        var endpoint = await Harness.Bus.GetSendEndpoint(new Uri($"queue:{MessageNames.HostQueue}"));
        await endpoint.Send(new SubmitStudy(studyId, Spec(yaml).Document, DateTimeOffset.UnixEpoch));
    }

    public static async Task<StudyCompleted> WaitForEndAsync(Guid studyId, System.Threading.Channels.ChannelReader<object> events)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await foreach (var message in events.ReadAllAsync(timeout.Token))
        {
            switch (message)
            {
                case StudyCompleted completed when completed.StudyId == studyId:
                    return completed;
                case StudyRejected rejected:
                    throw new InvalidOperationException(string.Join("; ", rejected.Errors));
            }
        }

        throw new TimeoutException("the study did not end");
    }

    /// <summary>Publishes an outcome as a remote worker would.</summary>
    public Task CompleteAsync(Guid studyId, Guid trialId, int attempt, double value) =>
        Harness.Bus.Publish(new TrialCompleted(studyId, trialId, attempt, value, null, null, false, null, null, 0.1, "test-worker"));

    /// <summary>Waits until the store holds <paramref name="count"/> trials of the study.</summary>
    public async Task<IReadOnlyList<Core.Trials.Trial>> WaitForTrialsAsync(Guid studyId, int count, Func<Core.Trials.Trial, bool>? where = null)
    {
        for (var i = 0; i < 600; i++)
        {
            var trials = await Store.LoadTrialsAsync(studyId);
            if (trials.Count(where ?? (_ => true)) >= count)
            {
                return trials;
            }

            await Task.Delay(50);
        }

        throw new TimeoutException($"the study never had {count} such trials");
    }

    public async ValueTask DisposeAsync()
    {
        await Harness.Stop();
        await _provider.DisposeAsync();
    }
}
