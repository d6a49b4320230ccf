using System.Diagnostics;
using System.Runtime;
using System.Runtime.InteropServices;
using System.Text.Json;
using HyperBus.Contracts;
using HyperBus.Hosting;
using HyperBus.Orchestration.Hosting;
using HyperBus.Orchestration.Submission;
using HyperBus.Storage;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainer.Sdk.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace HyperBus.Cli.Running;

/// <summary>
/// Before a host or worker serves, runs short no-op studies through the broker on a topology of their own
/// (<see cref="PrivateTopology"/>: no peer sees them, and it is deleted afterwards). The first study after a start
/// otherwise pays the JIT for the transport, the saga and the store: ~800 tier-0 and ~800 tier-1 compilations per
/// process, most of them RabbitMQ client and transport code that an in-memory warm-up cannot reach.
/// </summary>
public static class StartupWarmUp
{
    private const int Parallelism = 32;
    private const int TrialsPerRound = 300;
    private const int MaxRounds = 3;

    /// <summary>A round that compiles fewer methods than this has reached what a second study compiles.</summary>
    private const int SettledBelow = 100;

    /// <summary>Tier-1 recompilation runs in the background behind the rounds; it is done when a poll sees no more.</summary>
    private static readonly TimeSpan JitPoll = TimeSpan.FromMilliseconds(200);

    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(30);

    private static readonly TimeSpan CleanupTimeout = TimeSpan.FromSeconds(10);

    /// <param name="skip">Why not to warm up now (work is waiting), or null.</param>
    /// <returns>False when SIGTERM or Ctrl-C arrived meanwhile: the command then stops instead of serving.</returns>
    /// <remarks>Never throws for a broker or warm-up failure: the process then serves cold, with one line saying so.</remarks>
    public static async Task<bool> RunAsync(BusCommandOptions bus, Func<CancellationToken, Task<string?>> skip, CancellationToken cancellationToken)
    {
        var started = Stopwatch.GetTimestamp();
        var id = Guid.NewGuid().ToString("N")[..12];
        var topology = new PrivateTopology($"hyperbus-warmup-{id}-");
        var folder = Directory.CreateTempSubdirectory("hyperbus-warmup-");
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        // The serving host's lifetime is not there yet to take a stop signal; without these the process would
        // ignore it, or die before deleting the warm-up's topology.
        using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, Stop(stop));
        using var interrupt = PosixSignalRegistration.Create(PosixSignal.SIGINT, Stop(stop));
        using var budget = CancellationTokenSource.CreateLinkedTokenSource(stop.Token);
        budget.CancelAfter(Budget);
        try
        {
            if (await skip(budget.Token) is { } reason)
            {
                Verbose(bus, $"hyperbus: no start-up warm-up ({reason}): serving at once");
                return true;
            }

            Console.Error.WriteLine("hyperbus: warming up through the broker before serving (a few seconds; --no-warmup skips it)");
            List<long> rounds;
            try
            {
                rounds = await RunStudiesAsync(bus, topology, $"warmup-{id}", Path.Combine(folder.FullName, "warmup.db"), budget.Token);
            }
            finally
            {
                // Also after a failure, the budget or a SIGTERM mid-way: its exchanges and queues must not outlive it.
                await DeleteTopologyAsync(bus, topology);
            }

            var settled = await WaitForJitAsync(budget.Token);
            Verbose(bus, $"hyperbus: warmed up in {Stopwatch.GetElapsedTime(started).TotalSeconds:0.0} s ({rounds.Count} no-op studies of {TrialsPerRound} trials " +
                $"compiling {string.Join(" / ", rounds)} methods, then {settled} tier-1 recompilations)");
        }
        catch (Exception e)
        {
            // Stopped mid-way, its topology is deleted (above) and nothing is said; any other failure serves cold.
            if (!stop.IsCancellationRequested)
            {
                Console.Error.WriteLine($"hyperbus: start-up warm-up skipped ({e.GetType().Name}: {e.Message}); the first study may run slower");
            }
        }
        finally
        {
            TryDelete(folder);
        }

        return !stop.IsCancellationRequested;
    }

    private static Action<PosixSignalContext> Stop(CancellationTokenSource stop) => context =>
    {
        context.Cancel = true;
        stop.Cancel();
    };

    private static async Task DeleteTopologyAsync(BusCommandOptions bus, PrivateTopology topology)
    {
        if (topology.Queues.Count == 0 && topology.Exchanges.Count == 0)
        {
            return;
        }

        using var timeout = new CancellationTokenSource(CleanupTimeout);
        try
        {
            await topology.DeleteAsync(bus.RabbitMq!, timeout.Token);
        }
        catch (Exception e)
        {
            Console.Error.WriteLine($"hyperbus: could not delete the warm-up's exchanges and queues ({topology.Prefix}...): {e.Message}");
        }
    }

    /// <returns>The methods compiled during each round.</returns>
    private static async Task<List<long>> RunStudiesAsync(BusCommandOptions bus, PrivateTopology topology, string kind, string storage, CancellationToken cancellationToken)
    {
        using var host = Build(bus, topology, kind, storage);
        await host.StartAsync(cancellationToken);
        var rounds = new List<long>();
        try
        {
            using var spec = Spec(kind);
            while (rounds.Count < MaxRounds && (rounds.Count == 0 || rounds[^1] >= SettledBelow))
            {
                var before = JitInfo.GetCompiledMethodCount();
                await StudySubmitter.RunAsync(host.Services, spec.RootElement, _ => { }, cancellationToken);
                rounds.Add(JitInfo.GetCompiledMethodCount() - before);
            }
        }
        finally
        {
            await host.StopAsync(CancellationToken.None);
        }

        return rounds;
    }

    /// <summary>
    /// The rounds leave thousands of hot methods queued for tier-1 recompilation; a study started now would share the
    /// cores with that. Waits until three polls in a row see almost none.
    /// </summary>
    /// <returns>The methods compiled while waiting.</returns>
    private static async Task<long> WaitForJitAsync(CancellationToken cancellationToken)
    {
        var first = JitInfo.GetCompiledMethodCount();
        var last = first;
        for (var quiet = 0; quiet < 3;)
        {
            await Task.Delay(JitPoll, cancellationToken);
            var now = JitInfo.GetCompiledMethodCount();
            quiet = now - last < 5 ? quiet + 1 : 0;
            last = now;
        }

        return last - first;
    }

    private static void Verbose(BusCommandOptions bus, string line)
    {
        if (bus.Verbose)
        {
            Console.Error.WriteLine(line);
        }
    }

    private static IHost Build(BusCommandOptions bus, PrivateTopology topology, string kind, string storage)
    {
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.ClearProviders();
        // Not the console lifetime: a stop signal is the command's (RunAsync), never only this private host's.
        builder.Services.AddSingleton<IHostLifetime, CommandLifetime>();
        builder.Services.AddSqliteStudyStore(storage);
        builder.Services.AddTrainer<NoopTrainer>(kind);
        topology.AddQueue(MessageNames.TrainerQueue(kind));
        builder.Services.AddHyperBus(new HyperBusOptions
        {
            Transport = BusTransport.RabbitMq,
            RabbitMqUri = bus.RabbitMq,
            RunHost = true,
            RunWorkers = true,
            Watch = true,
            TrainerKinds = [kind],
            WorkerConcurrency = Parallelism,
            HostQueue = topology.AddQueue(topology.Prefix + "host"),
            PrivateTopology = topology,
        });
        return builder.Build();
    }

    private static JsonDocument Spec(string kind) => JsonSerializer.SerializeToDocument(new Dictionary<string, object>
    {
        ["study"] = "warmup",
        ["trials"] = TrialsPerRound,
        ["parallelism"] = Parallelism,
        ["trainer"] = kind,
        ["sampler"] = "random",
        ["space"] = new Dictionary<string, object> { ["x"] = new Dictionary<string, object> { ["type"] = "float", ["low"] = 0, ["high"] = 1 } },
    });

    private static void TryDelete(DirectoryInfo folder)
    {
        try
        {
            folder.Delete(recursive: true);
        }
        catch (IOException)
        {
            // A temporary folder left behind is harmless.
        }
    }
}
