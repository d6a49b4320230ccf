using HyperBus.Contracts;
using HyperBus.Core.Storage;
using HyperBus.Orchestration.Hosting;
using HyperBus.Storage;
using RabbitMQ.Client;

namespace HyperBus.Cli.Running;

/// <summary>
/// When the start-up warm-up would only delay real work: a host restarted with studies still running (a crash's
/// recovery must not wait for it) or a worker whose queues already hold requests. Each returns why, or null.
/// </summary>
public static class WarmUpSkip
{
    public static async Task<string?> ForHostAsync(string storage, CancellationToken cancellationToken)
    {
        if (!File.Exists(storage))
        {
            return null;
        }

        try
        {
            using var store = SqliteStudyStore.OpenForReading(storage);
            var running = (await store.ListStudiesAsync(cancellationToken)).Count(s => s.Status == StudyStatus.Running);
            return running > 0 ? $"{running} running stud{(running == 1 ? "y" : "ies")} to resume" : null;
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            // The host's own start reports an unusable store; the warm-up's check does not.
            return null;
        }
    }

    public static async Task<string?> ForWorkerAsync(Uri rabbitMq, IEnumerable<string> trainerKinds, CancellationToken cancellationToken)
    {
        await using var connection = await AdminConnection.OpenAsync(rabbitMq, "hyperbus worker: queue check", cancellationToken);
        long waiting = 0;
        foreach (var kind in trainerKinds)
        {
            waiting += (await PassiveQueue.ReadAsync(connection, MessageNames.TrainerQueue(kind), cancellationToken))?.MessageCount ?? 0;
        }

        await connection.CloseAsync(cancellationToken);
        return waiting > 0 ? $"{waiting} trial request(s) waiting" : null;
    }
}
