using System.Net.Sockets;
using HyperBus.Orchestration.Hosting;

namespace HyperBus.Cli.Running;

/// <summary>Fails fast with a clear message when the broker cannot be reached, instead of a bus that retries forever.</summary>
public static class BrokerProbe
{
    public static async Task EnsureReachableAsync(BusCommandOptions options, CancellationToken cancellationToken)
    {
        if (options.Transport != BusTransport.RabbitMq || options.RabbitMq is null)
        {
            return;
        }

        var uri = options.RabbitMq;
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (uri.Scheme == "amqps" ? 5671 : 5672) : uri.Port;
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(5));
        try
        {
            using var client = new TcpClient();
            await client.ConnectAsync(uri.Host, port, timeout.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            throw new BrokerUnreachableException($"cannot reach RabbitMQ at {RabbitMqConnection.Redact(uri)}: {(e is SocketException s ? s.SocketErrorCode.ToString() : "timed out after 5 s")}");
        }
    }
}
