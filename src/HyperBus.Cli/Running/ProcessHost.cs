using HyperBus.Cli.Running.LocalPython;
using HyperBus.Hosting;
using HyperBus.Orchestration.Hosting;
using HyperBus.Reporting.Dashboard;
using HyperBus.Storage;
using HyperBus.Telemetry;
using HyperBus.Trainer.Sdk;
using HyperBus.Verification;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Cli.Running;

/// <summary>Builds the Generic Host a command runs in: logging to stderr, the store, trainers and the bus parts it needs.</summary>
public static class ProcessHost
{
    /// <param name="followsStudy">The command follows one study and handles Ctrl-C itself (tune, submit --wait).</param>
    /// <param name="prestarted">Local Python workers launched earlier, which the local pool takes over first.</param>
    public static IHost Build(BusCommandOptions options, HyperBusOptions bus, bool withStore, bool withTrainers, Uri? dashboard = null, bool followsStudy = false,
        HyperBusTelemetryOptions? telemetry = null, PrestartedWorkers? prestarted = null)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        // Logs go to stderr so that stdout stays the command's result (one JSON object with --json).
        if (options.Verbose)
        {
            builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        }
        else
        {
            builder.Logging.AddConsole(o => o.FormatterName = BriefLogFormatter.FormatterName).AddConsoleFormatter<BriefLogFormatter, Microsoft.Extensions.Logging.Console.ConsoleFormatterOptions>();
        }

        builder.Logging.AddFilter(l => l >= (options.Verbose ? LogLevel.Information : LogLevel.Warning));
        builder.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        if (followsStudy)
        {
            builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        }

        if (withStore)
        {
            StorageCheck.EnsureUsable(options.Storage);
            builder.Services.AddSqliteStudyStore(options.Storage);
            builder.Services.AddTrialVerification();
            if (dashboard is not null)
            {
                builder.Services.AddDashboard(dashboard);
            }
        }

        var localPython = withTrainers && options.Transport == BusTransport.InMemory;
        if (withTrainers)
        {
            builder.Services.AddBuiltInTrainers();
        }

        if (localPython)
        {
            builder.Services.AddLocalPythonTrainerKinds(bus);
        }

        bus.Transport = options.Transport;
        bus.LeaseDuration = options.LeaseDuration ?? bus.LeaseDuration;
        bus.RabbitMqUri = options.RabbitMq;
        builder.Services.AddHyperBus(bus);
        if (localPython)
        {
            builder.Services.AddLocalPythonWorkers(options.Verbose, prestarted);
        }

        if (telemetry is not null)
        {
            // Last: it decorates the store and verifier registered above.
            builder.Services.AddHyperBusTelemetry(telemetry);
        }

        return builder.Build();
    }

    /// <summary>The C# trainer kinds this process can run in process.</summary>
    public static IReadOnlyCollection<string> BuiltInTrainerKinds() => new ServiceCollection().AddBuiltInTrainers().TrainerKinds();

    /// <summary>What an in-process <c>tune</c> runs: the C# kinds, and the Python kinds in local Python workers.</summary>
    public static IReadOnlyCollection<string> InProcessTrainerKinds() => [.. BuiltInTrainerKinds().Concat(PythonTrainerKinds.All)];

    /// <summary>For a Python trainer kind, finds its interpreter before anything runs (throws naming what to install).</summary>
    public static void EnsureTrainerRuns(string trainer)
    {
        if (PythonTrainerKinds.Find(trainer) is { } kind)
        {
            PythonInterpreter.For(kind);
        }
    }
}
