using System.Text;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Integration.Tests.Support;
using RabbitMQ.Client;

namespace HyperBus.Integration.Tests;

/// <summary>
/// Messages a buggy or hostile peer could put on the host's queue. Each is parked in the error queue or
/// dropped with a logged reason; none stops the host or touches a stored study.
/// </summary>
[Collection(RabbitCollection.Name)]
public sealed class PoisonMessageTests(RabbitNode rabbit) : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-poison-");

    private string Storage => Path.Combine(_dir.FullName, "host.db");

    [Fact]
    public async Task Malformed_mistyped_unknown_stale_and_oversized_messages_are_parked_or_dropped_and_the_host_keeps_serving()
    {
        var broker = await rabbit.CreateVhostAsync("poison");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{Storage}\" --verbose");
        await using var worker = ChildProcess.Hyperbus("worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 2 --verbose");
        await host.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        await worker.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        var spec = StudyRun.WriteSpec(_dir.FullName, "ok.yaml", """
            study: after-poison
            trials: 8
            parallelism: 2
            sampler: { type: random, seed: 1 }
            trainer: noop
            space: { x: { type: float, low: 0, high: 1 } }
            """);
        var first = await StudyRun.SubmitAsync(broker, spec);
        using var watch = new StoreWatch(Storage);
        await watch.WaitForEndAsync(first, TimeSpan.FromMinutes(1));
        var stored = await watch.Store.LoadTrialsAsync(first);
        var done = stored[0];

        var unknownStudy = Guid.NewGuid();
        await using (var publisher = await RawPublisher.ConnectAsync(broker))
        {
            await publisher.SendAsync("TrialCompleted", "{not json");
            await publisher.SendAsync("TrialCompleted", $$"""{"studyId":"{{first}}","trialId":"{{done.Id}}","attempt":1,"value":"high","workerId":"w"}""");
            await publisher.SendAsync("TrialCompleted", $$"""{"studyId":"{{unknownStudy}}","trialId":"{{Guid.NewGuid()}}","attempt":1,"value":0.5,"durationSeconds":1,"workerId":"w"}""");
            // A stale outcome for a finished trial: it must not change the stored value.
            await publisher.SendAsync("TrialCompleted", $$"""{"studyId":"{{first}}","trialId":"{{done.Id}}","attempt":1,"value":-1000,"durationSeconds":1,"workerId":"w"}""");
            await publisher.SendAsync("SubmitStudy", $$"""{"studyId":"{{Guid.NewGuid()}}","spec":{"study":"big","padding":"{{new string('x', 2 * 1024 * 1024)}}"},"submittedAt":"2026-01-01T00:00:00Z"}""");
        }

        // The host still serves: a second study runs to the end.
        var second = await StudyRun.SubmitAsync(broker, spec);
        var study = await watch.WaitForEndAsync(second, TimeSpan.FromMinutes(1));

        Assert.Equal(StudyStatus.Completed, study.Status);
        Assert.Equal(8, (await watch.Store.LoadTrialsAsync(second)).Count(t => t.State == TrialState.Completed));
        Assert.Equal(done.Value, (await watch.Store.LoadTrialsAsync(first))[0].Value);
        Assert.Null(await watch.Store.GetStudyAsync(unknownStudy));
        Assert.False(host.HasExited, host.Output);
        await WaitForDepthAsync(broker, "hyperbus-host_error", 3);
        var parked = await ErrorQueueReasonsAsync(broker);
        Assert.True(parked.Count == 3, string.Join(" | ", parked)); // bad JSON, wrong type, oversized
        Assert.Contains(parked, r => r.Contains("over the 1048576-byte limit", StringComparison.Ordinal));
        Assert.Contains($"Dropped TrialCompleted for study {unknownStudy}: no such study", host.Output, StringComparison.Ordinal);
        // The stale outcome arrived after its study ended: dropped with one warning, counted, never parked.
        Assert.Contains($"Dropped TrialCompleted for trial {done.Id} attempt 1 of {first}: study-finished", host.Output, StringComparison.Ordinal);
        Assert.Equal(1, (await watch.Store.LoadDropCountsAsync(first))["study-finished"]);
    }

    [Fact]
    public async Task A_message_without_a_message_type_is_parked_with_the_reason_and_never_cancels_a_running_study()
    {
        var broker = await rabbit.CreateVhostAsync("headerless");
        await using var host = ChildProcess.Hyperbus("host", $"host --transport rabbitmq --rabbitmq {broker} --storage \"{Storage}\" --verbose");
        await using var worker = ChildProcess.Hyperbus("worker", $"worker --transport rabbitmq --rabbitmq {broker} --trainer noop --concurrency 2 --verbose");
        await host.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        await worker.WaitForOutputAsync("Bus started", TimeSpan.FromSeconds(60));
        var running = await StudyRun.SubmitAsync(broker, StudyRun.WriteSpec(_dir.FullName, "slow.yaml", """
            study: headerless-target
            trials: 12
            parallelism: 2
            sampler: { type: random, seed: 1 }
            trainer: noop
            fixed: { seconds: 0.3 }
            space: { x: { type: float, low: 0, high: 1 } }
            """));
        using var watch = new StoreWatch(Storage);
        var trials = await watch.WaitForTrialsAsync(running, t => t.Count(x => x.State == TrialState.Completed) >= 2, TimeSpan.FromMinutes(1), "2 trials completed");
        await using (var publisher = await RawPublisher.ConnectAsync(broker))
        {
            // Before the fix the raw deserializer bound this to CancelStudy and the study was cancelled, silently.
            await publisher.SendAsync(null, $$"""{"studyId":"{{running}}"}""");
            await publisher.PublishAsync("HyperBus.Contracts:TrialCompleted", $$"""{"studyId":"{{running}}","trialId":"{{trials[0].Id}}","attempt":1,"value":5,"durationSeconds":1,"workerId":"w"}""");
            await publisher.SendAsync("NoSuchMessage", $$"""{"studyId":"{{running}}"}""");
        }

        var study = await watch.WaitForEndAsync(running, TimeSpan.FromMinutes(2));

        Assert.Equal(StudyStatus.Completed, study.Status);
        Assert.Equal(12, (await watch.Store.LoadTrialsAsync(running)).Count(t => t.State == TrialState.Completed));
        var parked = await ErrorQueueReasonsAsync(broker);
        Assert.True(parked.Count == 2, string.Join(" | ", parked));
        Assert.All(parked, r => Assert.Contains("has no MT-MessageType header", r, StringComparison.Ordinal));
        // A type no consumer takes is never read: it is parked in _skipped, saying which type it named.
        var skipped = await QueueReasonsAsync(broker, "hyperbus-host_skipped", "MT-Reason");
        Assert.Equal(["MT-MessageType 'urn:message:HyperBus.Contracts:NoSuchMessage' names no message this endpoint consumes"], skipped);
    }

    /// <summary>Parking is asynchronous to the second study: give it a few seconds rather than race it.</summary>
    private static async Task WaitForDepthAsync(Uri broker, string queue, uint depth)
    {
        for (var i = 0; i < 100 && await QueueDepthAsync(broker, queue) < depth; i++)
        {
            await Task.Delay(200);
        }
    }

    private static async Task<uint> QueueDepthAsync(Uri broker, string queue)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        return (await channel.QueueDeclarePassiveAsync(queue)).MessageCount;
    }

    private static Task<List<string>> ErrorQueueReasonsAsync(Uri broker) => QueueReasonsAsync(broker, "hyperbus-host_error", "MT-Fault-Message");

    private static async Task<List<string>> QueueReasonsAsync(Uri broker, string queue, string header)
    {
        var factory = new ConnectionFactory { Uri = broker };
        await using var connection = await factory.CreateConnectionAsync();
        await using var channel = await connection.CreateChannelAsync();
        var reasons = new List<string>();
        while (await channel.BasicGetAsync(queue, autoAck: true) is { } message)
        {
            var reason = message.BasicProperties.Headers?.TryGetValue(header, out var value) == true && value is byte[] bytes
                ? Encoding.UTF8.GetString(bytes)
                : "(no reason)";
            reasons.Add(reason);
        }

        return reasons;
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }

    /// <summary>Publishes raw bytes to the host's queue as a non-.NET peer would.</summary>
    private sealed class RawPublisher(IConnection connection, IChannel channel) : IAsyncDisposable
    {
        public static async Task<RawPublisher> ConnectAsync(Uri broker)
        {
            var connection = await new ConnectionFactory { Uri = broker }.CreateConnectionAsync();
            return new RawPublisher(connection, await connection.CreateChannelAsync());
        }

        /// <summary>Sends to the host's queue, with the given MT-MessageType (none when null).</summary>
        public async Task SendAsync(string? messageType, string body) =>
            await channel.BasicPublishAsync("", Contracts.MessageNames.HostQueue, mandatory: false, Properties(messageType), Encoding.UTF8.GetBytes(body));

        /// <summary>Publishes with no MT-MessageType through an event's fanout exchange, as a careless peer would.</summary>
        public async Task PublishAsync(string exchange, string body) =>
            await channel.BasicPublishAsync(exchange, "", mandatory: false, Properties(null), Encoding.UTF8.GetBytes(body));

        private static BasicProperties Properties(string? messageType) => new()
        {
            ContentType = "application/json",
            Persistent = true,
            MessageId = Guid.NewGuid().ToString(),
            Headers = messageType is null ? null : new Dictionary<string, object?> { ["MT-MessageType"] = $"urn:message:HyperBus.Contracts:{messageType}" },
        };

        public async ValueTask DisposeAsync()
        {
            await channel.DisposeAsync();
            await connection.DisposeAsync();
        }
    }
}
