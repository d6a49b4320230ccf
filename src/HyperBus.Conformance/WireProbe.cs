using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBus.Contracts;
using RabbitMQ.Client;
using RabbitMQ.Client.Events;
using RabbitMQ.Client.Exceptions;

namespace HyperBus.Conformance;

/// <summary>
/// Plays the optimizer host towards one trainer kind over plain AMQP: sends TrialRequested exactly as
/// written (bodies and headers under the kit's control), records every event and parked message, and
/// answers each report with a decision through <c>hyperbus-decisions</c>.
/// </summary>
public sealed class WireProbe : IAsyncDisposable
{
    /// <summary>A header the kit puts on every request, so a parked copy can be matched and checked for kept headers.</summary>
    public const string ConformanceIdHeader = "x-conformance-id";

    private static readonly string[] EventTypes = ["TrialStarted", "TrialReported", "TrialCompleted", "TrialFailed"];
    private readonly List<ObservedMessage> _seen = [];
    private readonly Dictionary<Guid, Func<long, string>> _scripts = [];
    private readonly SemaphoreSlim _sendLock = new(1, 1);
    private readonly Stopwatch _clock = Stopwatch.StartNew();
    private readonly IConnection _connection;
    private readonly IChannel _channel;

    private WireProbe(ConformanceOptions options, TimeProvider time, IConnection connection, IChannel channel)
    {
        Options = options;
        Time = time;
        _connection = connection;
        _channel = channel;
    }

    public ConformanceOptions Options { get; }

    public TimeProvider Time { get; }

    public string TrainerQueue => MessageNames.TrainerQueue(Options.Trainer);

    public string ErrorExchange => TrainerQueue + "_error";

    /// <summary>Time since the probe connected, the clock every observed message is stamped with.</summary>
    public TimeSpan Now => _clock.Elapsed;

    public static async Task<WireProbe> ConnectAsync(ConformanceOptions options, TimeProvider time, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = options.RabbitMq, ClientProvidedName = $"hyperbus conformance {options.Trainer}" };
        var connection = await factory.CreateConnectionAsync(cancellationToken);
        var channel = await connection.CreateChannelAsync(new CreateChannelOptions(publisherConfirmationsEnabled: true, publisherConfirmationTrackingEnabled: true), cancellationToken);
        var probe = new WireProbe(options, time, connection, channel);
        await probe.DeclareAsync(cancellationToken);
        return probe;
    }

    /// <summary>Consumers on the trainer queue, or null while the queue does not exist.</summary>
    public async Task<uint?> ConsumerCountAsync(CancellationToken cancellationToken)
    {
        // A passive declare of a missing queue closes its channel, so it gets a throwaway one.
        await using var channel = await _connection.CreateChannelAsync(cancellationToken: cancellationToken);
        try
        {
            return (await channel.QueueDeclarePassiveAsync(TrainerQueue, cancellationToken)).ConsumerCount;
        }
        catch (OperationInterruptedException)
        {
            return null;
        }
    }

    /// <summary>Binds the trainer queue to the fanout exchange of the same name, as the host's first send does.</summary>
    public Task BindTrainerQueueAsync(CancellationToken cancellationToken) =>
        _channel.QueueBindAsync(TrainerQueue, TrainerQueue, "", cancellationToken: cancellationToken);

    /// <summary>Answers the reports of <paramref name="trialId"/> with the action this returns per step (default: Continue).</summary>
    public void Script(Guid trialId, Func<long, string> decide)
    {
        lock (_scripts)
        {
            _scripts[trialId] = decide;
        }
    }

    public Task SendAsync(JsonObject request, string conformanceId, CancellationToken cancellationToken) =>
        SendRawAsync(Encoding.UTF8.GetBytes(request.ToJsonString()), conformanceId, cancellationToken);

    /// <summary>Sends a body byte for byte to the trainer's exchange, with the host's properties and the kit's id header.</summary>
    public async Task SendRawAsync(byte[] body, string conformanceId, CancellationToken cancellationToken)
    {
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = Guid.NewGuid().ToString(),
            Headers = new Dictionary<string, object?>
            {
                ["MT-MessageType"] = "urn:message:HyperBus.Contracts:TrialRequested",
                [ConformanceIdHeader] = conformanceId,
            },
        };
        await PublishAsync(TrainerQueue, "", properties, body, cancellationToken);
    }

    /// <summary>Waits for the first message matching <paramref name="match"/> (seen already or arriving within the timeout).</summary>
    public async Task<ObservedMessage?> WaitForAsync(Func<ObservedMessage, bool> match, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var until = Now + timeout;
        while (true)
        {
            var seen = Seen(match);
            var found = seen.Count > 0 ? seen[0] : null;
            if (found is not null || Now > until)
            {
                return found;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(25), Time, cancellationToken);
        }
    }

    /// <summary>The first outcome (TrialCompleted or TrialFailed) of an attempt.</summary>
    public Task<ObservedMessage?> OutcomeAsync(Guid trialId, int attempt, TimeSpan timeout, CancellationToken cancellationToken) =>
        WaitForAsync(m => m.Type is "TrialCompleted" or "TrialFailed" && m.TrialId == trialId && m.Attempt == attempt, timeout, cancellationToken);

    public IReadOnlyList<ObservedMessage> Seen(Func<ObservedMessage, bool> match)
    {
        lock (_seen)
        {
            return _seen.Where(match).ToList();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _channel.DisposeAsync();
        await _connection.DisposeAsync();
        _sendLock.Dispose();
    }

    private async Task DeclareAsync(CancellationToken ct)
    {
        var events = (await _channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: ct)).QueueName;
        foreach (var type in EventTypes)
        {
            var exchange = $"HyperBus.Contracts:{type}";
            await _channel.ExchangeDeclareAsync(exchange, ExchangeType.Fanout, durable: true, cancellationToken: ct);
            await _channel.QueueBindAsync(events, exchange, "", cancellationToken: ct);
        }

        await _channel.ExchangeDeclareAsync(MessageNames.DecisionExchange, ExchangeType.Direct, durable: true, cancellationToken: ct);
        await _channel.ExchangeDeclareAsync(TrainerQueue, ExchangeType.Fanout, durable: true, cancellationToken: ct);

        // A copy of everything parked: the worker's own error queue keeps the original for an operator.
        await _channel.ExchangeDeclareAsync(ErrorExchange, ExchangeType.Fanout, durable: true, cancellationToken: ct);
        var parked = (await _channel.QueueDeclareAsync("", durable: false, exclusive: true, autoDelete: true, cancellationToken: ct)).QueueName;
        await _channel.QueueBindAsync(parked, ErrorExchange, "", cancellationToken: ct);

        var consumer = new AsyncEventingBasicConsumer(_channel);
        consumer.ReceivedAsync += (_, delivery) => OnDeliveryAsync(delivery);
        await _channel.BasicConsumeAsync(events, autoAck: true, consumer, ct);
        await _channel.BasicConsumeAsync(parked, autoAck: true, consumer, ct);
    }

    private async Task OnDeliveryAsync(BasicDeliverEventArgs delivery)
    {
        var raw = delivery.Body.ToArray();
        JsonElement? body = null;
        try
        {
            body = JsonDocument.Parse(raw).RootElement.Clone();
        }
        catch (JsonException)
        {
            // Parked bodies need not be JSON; events that are not fail their case's checks.
        }

        var type = delivery.Exchange == ErrorExchange ? "Parked" : delivery.Exchange.Split(':')[^1];
        var message = new ObservedMessage(type, raw, body, HeaderText(delivery.BasicProperties.Headers), delivery.BasicProperties.MessageId, Now);
        lock (_seen)
        {
            _seen.Add(message);
        }

        if (type == "TrialReported" && body is { } report)
        {
            await AnswerAsync(message, report);
        }
    }

    private async Task AnswerAsync(ObservedMessage message, JsonElement report)
    {
        if (message.TrialId is not { } trialId || !report.TryGetProperty("workerId", out var worker) || worker.ValueKind != JsonValueKind.String
            || !report.TryGetProperty("step", out var step) || !step.TryGetInt64(out var stepValue))
        {
            return;
        }

        Func<long, string>? script;
        lock (_scripts)
        {
            _scripts.TryGetValue(trialId, out script);
        }

        var decision = new JsonObject
        {
            ["studyId"] = report.TryGetProperty("studyId", out var s) ? JsonNode.Parse(s.GetRawText()) : null,
            ["trialId"] = trialId.ToString(),
            ["attempt"] = message.Attempt,
            ["step"] = stepValue,
            ["action"] = script?.Invoke(stepValue) ?? "Continue",
            ["params"] = null,
            ["checkpoint"] = null,
            // Readers must ignore fields they do not know: every decision carries one.
            ["conformanceNote"] = "unknown fields are ignored",
        };
        var properties = new BasicProperties
        {
            ContentType = "application/json",
            DeliveryMode = DeliveryModes.Persistent,
            MessageId = Guid.NewGuid().ToString(),
            Headers = new Dictionary<string, object?> { ["MT-MessageType"] = "urn:message:HyperBus.Contracts:TrialDecision" },
        };
        await PublishAsync(MessageNames.DecisionExchange, worker.GetString()!, properties, Encoding.UTF8.GetBytes(decision.ToJsonString()), CancellationToken.None);
    }

    private async Task PublishAsync(string exchange, string routingKey, BasicProperties properties, byte[] body, CancellationToken cancellationToken)
    {
        await _sendLock.WaitAsync(cancellationToken);
        try
        {
            await _channel.BasicPublishAsync(exchange, routingKey, mandatory: false, properties, body, cancellationToken);
        }
        finally
        {
            _sendLock.Release();
        }
    }

    private static Dictionary<string, string?> HeaderText(IDictionary<string, object?>? headers)
    {
        var text = new Dictionary<string, string?>(StringComparer.Ordinal);
        foreach (var (key, value) in headers ?? new Dictionary<string, object?>())
        {
            text[key] = value switch
            {
                null => null,
                byte[] bytes => Encoding.UTF8.GetString(bytes),
                AmqpTimestamp stamp => $"amqp-timestamp:{stamp.UnixTime.ToString(CultureInfo.InvariantCulture)}",
                IFormattable formattable => formattable.ToString(null, CultureInfo.InvariantCulture),
                _ => value.ToString(),
            };
        }

        return text;
    }
}
