using System.Net.Sockets;
using HyperBus.Orchestration.Hosting;

namespace HyperBus.Orchestration.Submission;

/// <summary>Fails fast with a clear message when the broker cannot be reached, instead of a bus that retries forever.</summary>
public static class BrokerConnection
{
    /// <summary>Throws <see cref="BrokerUnreachableException"/> (password redacted) unless a TCP connection to the broker opens in time.</summary>
    public static async Task EnsureReachableAsync(Uri rabbitMq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = rabbitMq.IsDefaultPort || rabbitMq.Port <= 0 ? (rabbitMq.Scheme == "amqps" ? 5671 : 5672) : rabbitMq.Port;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(rabbitMq.Host, port, deadline.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is SocketException s ? s.SocketErrorCode.ToString() : $"timed out after {timeout.TotalSeconds:0.#} s";
            throw new BrokerUnreachableException($"cannot reach RabbitMQ at {RabbitMqConnection.Redact(rabbitMq)}: {reason}");
        }
    }
}
