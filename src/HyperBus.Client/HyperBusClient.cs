using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Hosting;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Submission;
using HyperBus.Samplers;
using HyperBus.Schedulers;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus;

/// <summary>
/// Runs a spec-defined study on a HyperBus host (<c>hyperbus host</c>) and its workers over RabbitMQ, from C#:
/// the same submit-and-follow as <c>hyperbus submit --wait</c>. Only specs cross the bus; a define-by-run
/// objective is a closure in this process, so <see cref="Study.OptimizeAsync"/> runs in process instead.
/// </summary>
public static class HyperBusClient
{
    private static readonly SpecCatalogs Catalogs = new(SamplerCatalog.Default, SchedulerCatalog.Default, Trainers: null);

    /// <summary>Runs the study in a spec's text (YAML or JSON, as a spec file); the spec is checked here first, every mistake at once.</summary>
    public static Task<StudyCompleted> RunStudyAsync(string spec, BusOptions bus, IProgress<StudyProgressed>? progress = null, CancellationToken cancellationToken = default) =>
        RunStudyAsync(StudySpecParser.Parse(spec, Catalogs), bus, progress, cancellationToken);

    /// <summary>Runs a spec built in code as a JSON object (the fields of a spec file: study, directions, space, trainer, ...).</summary>
    public static Task<StudyCompleted> RunStudyAsync(JsonObject spec, BusOptions bus, IProgress<StudyProgressed>? progress = null, CancellationToken cancellationToken = default) =>
        RunStudyAsync(StudySpecParser.Parse(spec.DeepClone(), Catalogs), bus, progress, cancellationToken);

    /// <summary>
    /// Submits the study, reports each recorded outcome to <paramref name="progress"/> and returns how it ended: the counts,
    /// the best trial, and with several objectives the Pareto front (<see cref="StudyCompleted.ParetoFront"/>).
    /// Throws <see cref="SpecException"/> when the host refuses the spec (e.g. no worker kind it knows) and
    /// <see cref="BrokerUnreachableException"/> when the broker does not answer.
    /// </summary>
    public static async Task<StudyCompleted> RunStudyAsync(StudySpec spec, BusOptions bus, IProgress<StudyProgressed>? progress = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(spec);
        ArgumentNullException.ThrowIfNull(bus);
        await BrokerConnection.EnsureReachableAsync(bus.RabbitMq, bus.ConnectTimeout, cancellationToken);
        using var host = BuildHost(bus);
        await host.StartAsync(cancellationToken);
        try
        {
            return await StudySubmitter.RunAsync(host.Services, spec.Document, p => progress?.Report(p), cancellationToken);
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }
    }

    // A watcher only: no saga, no workers, no store; the host process owns those.
    private static IHost BuildHost(BusOptions bus)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        builder.Services.AddHyperBus(new HyperBusOptions { Transport = BusTransport.RabbitMq, RabbitMqUri = bus.RabbitMq, Watch = true });
        return builder.Build();
    }
}
