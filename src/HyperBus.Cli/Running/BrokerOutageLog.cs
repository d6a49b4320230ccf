using System.Text.RegularExpressions;
using Microsoft.Extensions.Logging;

namespace HyperBus.Cli.Running;

/// <summary>
/// Folds what MassTransit logs when RabbitMQ drops the connection (every consumer channel shutting down, every
/// message in flight faulting with AlreadyClosedException, consumers cancelled with TaskCanceledException) into
/// one warning: the broker going away is one event for an operator, and the messages are redelivered anyway.
/// Each reconnect attempt keeps its own warning line.
/// </summary>
public sealed partial class BrokerOutageLog(TimeProvider time)
{
    // Consequences of one outage arrive within moments; a drop this long after the last one is a new outage.
    private static readonly TimeSpan SameOutage = TimeSpan.FromSeconds(30);
    private static readonly string[] LossTypes = ["AlreadyClosedException", "OperationInterruptedException"];

    // MassTransit's own words for "no connection right now"; folded only for a message's fault (R-FAULT, S-FAULT), so
    // each reconnect attempt's "Connection Failed" keeps its line.
    private static readonly string[] TransportGoneTypes = ["RabbitMqConnectionException", "TransportUnavailableException"];
    private readonly Lock _lock = new();
    private readonly Dictionary<string, DateTimeOffset> _last = new(StringComparer.Ordinal);

    /// <summary>The line to write for a MassTransit entry: unchanged (null), the outage's one warning, or nothing ("").</summary>
    public string? Rewrite(string category, string message, Exception? exception)
    {
        if (IsConnectionLoss(category, message, exception))
        {
            return Once("lost", $"warn: {category}: lost the connection to RabbitMQ ({Reason(message, exception)}); reconnecting, and messages in flight will be redelivered");
        }

        if (IsCancelledConsumer(category, message, exception))
        {
            return Once("cancelled", $"warn: {category}: a consumer was cancelled as its RabbitMQ channel went away (or the process stopped); the message is redelivered");
        }

        return null;
    }

    private string Once(string kind, string line)
    {
        lock (_lock)
        {
            var now = time.GetUtcNow();
            var first = !_last.TryGetValue(kind, out var last) || now - last > SameOutage;
            _last[kind] = now;
            return first ? line : string.Empty;
        }
    }

    /// <summary>
    /// A receive fault, or a consumer's send fault, whose cause is a cancellation: the consumer was stopped with its
    /// channel, not by a bad message.
    /// </summary>
    public static bool IsCancelledConsumer(string category, string message, Exception? exception)
    {
        if (!category.StartsWith("MassTransit", StringComparison.Ordinal) || !IsMessageFault(message))
        {
            return false;
        }

        var cause = exception;
        while (cause?.InnerException is not null)
        {
            cause = cause.InnerException;
        }

        return cause is OperationCanceledException;
    }

    public static bool IsConnectionLoss(string category, string message, Exception? exception)
    {
        if (!category.StartsWith("MassTransit", StringComparison.Ordinal))
        {
            return false;
        }

        var messageFault = IsMessageFault(message);
        for (var e = exception; e is not null; e = e.InnerException)
        {
            var type = e.GetType().Name;
            if (LossTypes.Contains(type, StringComparer.Ordinal) || (messageFault && TransportGoneTypes.Contains(type, StringComparer.Ordinal)))
            {
                return true;
            }
        }

        return message.Contains("CONNECTION_FORCED", StringComparison.Ordinal);
    }

    // A receive fault (R-FAULT) or a send from within a consumer (S-FAULT): one message's fault, not a connection event.
    private static bool IsMessageFault(string message) =>
        message.StartsWith("R-FAULT", StringComparison.Ordinal) || message.StartsWith("S-FAULT", StringComparison.Ordinal);

    private static string Reason(string message, Exception? exception)
    {
        var text = message + " " + exception?.ToString();
        return ForcedClose().Match(text) is { Success: true } forced ? forced.Value : "the connection was closed";
    }

    [GeneratedRegex("CONNECTION_FORCED - [^']*('[^']*')?")]
    private static partial Regex ForcedClose();
}
