using System.Globalization;
using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests.Durability;

/// <summary>
/// One drill's processes on one vhost and one store: hosts (optionally armed with a fault point) and
/// workers, started directly as <c>dotnet hyperbus.dll ...</c> so a kill reaches the real process.
/// </summary>
public sealed class DurabilityRig : IDisposable
{
    private static readonly TimeSpan Ready = TimeSpan.FromSeconds(60);
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-durable-");

    public DurabilityRig(Uri broker)
    {
        Broker = broker;
    }

    public Uri Broker { get; }

    public string Storage => Path.Combine(_dir.FullName, "host.db");

    public string Checkpoints => Path.Combine(_dir.FullName, "checkpoints");

    /// <summary>What the host prints on stderr just before it SIGKILLs itself at an armed fault point.</summary>
    public static string FaultLine(string point) => $"fault point {point} reached: killing";

    /// <summary>
    /// A host on the rig's store; with <paramref name="killAt"/> it kills itself the <paramref name="killAfter"/>-th
    /// time it reaches that point. A lease of 0 seconds keeps the host's default.
    /// </summary>
    public async Task<ChildProcess> StartHostAsync(string name, int leaseSeconds = 0, string? killAt = null, int killAfter = 1)
    {
        var environment = new Dictionary<string, string>();
        if (killAt is not null)
        {
            environment["HYPERBUS_KILL_AT"] = killAt;
            environment["HYPERBUS_KILL_AFTER"] = killAfter.ToString(CultureInfo.InvariantCulture);
        }

        var lease = leaseSeconds > 0 ? $" --lease-seconds {leaseSeconds}" : string.Empty;
        // --no-warmup: the start-up warm-up's private study would pass the armed fault point before the drill's study does.
        var host = ChildProcess.Hyperbus(name, $"host --no-warmup --transport rabbitmq --rabbitmq {Broker} --storage \"{Storage}\"{lease} --verbose", environment);
        await host.WaitForOutputAsync("Bus started", Ready);
        return host;
    }

    /// <summary>A C# worker serving the built-in <paramref name="trainer"/>, checkpoints in the rig's shared folder.</summary>
    public async Task<ChildProcess> StartWorkerAsync(string name, string trainer, int concurrency)
    {
        var environment = new Dictionary<string, string> { ["HYPERBUS_CHECKPOINTS"] = Checkpoints };
        // --no-warmup: the drills time recovery from a worker's start.
        var worker = ChildProcess.Hyperbus(name, $"worker --no-warmup --transport rabbitmq --rabbitmq {Broker} --trainer {trainer} --concurrency {concurrency} --verbose", environment);
        await worker.WaitForOutputAsync("Bus started", Ready);
        return worker;
    }

    /// <summary>A Python worker serving one of the fault drills' trainers.</summary>
    public static async Task<ChildProcess> StartPythonWorkerAsync(Uri broker, string name, string trainer, int concurrency)
    {
        var worker = ChildProcess.FaultWorker(name, $"--rabbitmq {broker} --trainer {trainer} --concurrency {concurrency}");
        await worker.WaitForOutputAsync("serving", Ready);
        return worker;
    }

    public string WriteSpec(string name, string yaml) => StudyRun.WriteSpec(_dir.FullName, $"{name}.yaml", yaml);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
