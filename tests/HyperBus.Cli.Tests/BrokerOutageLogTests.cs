using HyperBus.Cli.Running;

namespace HyperBus.Cli.Tests;

/// <summary>What MassTransit logs during one lost RabbitMQ connection comes out as one warning per kind, not one per consumer and message.</summary>
public sealed class BrokerOutageLogTests
{
    private const string Forced = "The AMQP operation was interrupted: AMQP close-reason, initiated by Peer, code=320, text='CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'', classId=0, methodId=0";

    [Fact]
    public void The_entries_of_one_outage_are_one_warning_and_a_later_outage_gets_its_own()
    {
        var clock = new ManualClock();
        var log = new BrokerOutageLog(clock);
        var closed = new InvalidOperationException("send failed", new AlreadyClosedException(Forced));

        var first = log.Rewrite("MassTransit.ReceiveTransport", "S-FAULT rabbitmq://mq/v/TrialCompleted", closed);
        clock.Advance(TimeSpan.FromSeconds(1));
        var second = log.Rewrite("MassTransit.ReceiveTransport", "Consumer Channel Shutdown: rabbitmq://mq/v/q - " + Forced, null);
        var cancelled = log.Rewrite("MassTransit.ReceiveTransport", "R-FAULT rabbitmq://mq/v/q 1 TrialRequested", new TaskCanceledException());
        var cancelledAgain = log.Rewrite("MassTransit.ReceiveTransport", "R-FAULT rabbitmq://mq/v/q 2 TrialRequested", new TaskCanceledException());
        clock.Advance(TimeSpan.FromMinutes(5));
        var nextOutage = log.Rewrite("MassTransit", "Connection closed: " + Forced, null);

        Assert.Equal("warn: MassTransit.ReceiveTransport: lost the connection to RabbitMQ (CONNECTION_FORCED - broker forced connection closure with reason 'shutdown'); reconnecting, and messages in flight will be redelivered", first);
        Assert.Equal(string.Empty, second);
        Assert.StartsWith("warn: MassTransit.ReceiveTransport: a consumer was cancelled", cancelled, StringComparison.Ordinal);
        Assert.Equal(string.Empty, cancelledAgain);
        Assert.StartsWith("warn: MassTransit: lost the connection to RabbitMQ", nextOutage, StringComparison.Ordinal);
    }

    [Fact]
    public void A_consumers_send_that_fails_because_the_broker_is_gone_is_folded_too()
    {
        var log = new BrokerOutageLog(new ManualClock());

        var cancelledSend = log.Rewrite("MassTransit.ReceiveTransport", "S-FAULT rabbitmq://mq/v/TrialCompleted 1", new TaskCanceledException());
        var unavailable = log.Rewrite("MassTransit.ReceiveTransport", "S-FAULT rabbitmq://mq/v/TrialCompleted 2", new InvalidOperationException("send", new RabbitMqConnectionException("Connection is already closed")));
        var unavailableAgain = log.Rewrite("MassTransit.ReceiveTransport", "R-FAULT rabbitmq://mq/v/q 3 TrialRequested", new RabbitMqConnectionException("Channel is already closed"));

        Assert.StartsWith("warn: MassTransit.ReceiveTransport: a consumer was cancelled", cancelledSend, StringComparison.Ordinal);
        Assert.StartsWith("warn: MassTransit.ReceiveTransport: lost the connection to RabbitMQ (the connection was closed)", unavailable, StringComparison.Ordinal);
        Assert.Equal(string.Empty, unavailableAgain);
    }

    [Fact]
    public void Other_entries_are_left_alone()
    {
        var log = new BrokerOutageLog(new ManualClock());

        Assert.Null(log.Rewrite("MassTransit", "Connection Failed: rabbitmq://mq/v", new System.Net.Sockets.SocketException(111)));
        Assert.Null(log.Rewrite("MassTransit.ReceiveTransport", "R-FAULT rabbitmq://mq/v/q 1 TrialRequested", new FormatException("bad body")));
        Assert.Null(log.Rewrite("HyperBus.Orchestration", "CONNECTION_FORCED in a study name", null));
        // A reconnect attempt keeps its own line even though MassTransit names it a connection exception.
        Assert.Null(log.Rewrite("MassTransit", "Connection Failed: rabbitmq://mq/v", new RabbitMqConnectionException("Broker unreachable: guest@mq:5672/v")));
    }

    // Named as RabbitMQ.Client names it: the rule matches the type's name, so the CLI needs no reference to the client.
    private sealed class AlreadyClosedException(string message) : Exception(message);

    // Named as MassTransit names it.
    private sealed class RabbitMqConnectionException(string message) : Exception(message);

    private sealed class ManualClock : TimeProvider
    {
        private DateTimeOffset _now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);

        public override DateTimeOffset GetUtcNow() => _now;

        public void Advance(TimeSpan by) => _now += by;
    }
}
