using System.Net.Sockets;
using HyperBus.Orchestration.Hosting;
using RabbitMQ.Client;
using RabbitMQ.Client.Exceptions;

namespace HyperBus.Orchestration.Submission;

/// <summary>
/// Fails fast with a clear one-line message when the broker cannot be used, instead of a bus that retries for
/// ever: unreachable, a refused login (ACCESS_REFUSED) and an unknown or forbidden virtual host (NOT_ALLOWED).
/// </summary>
public static class BrokerConnection
{
    /// <summary>
    /// Opens (and closes) one AMQP connection; throws <see cref="BrokerUnreachableException"/> or
    /// <see cref="BrokerRefusedException"/>, the URL's password redacted, unless it opens in time.
    /// </summary>
    public static async Task EnsureReachableAsync(Uri rabbitMq, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var port = rabbitMq.IsDefaultPort || rabbitMq.Port <= 0 ? (rabbitMq.Scheme == "amqps" ? 5671 : 5672) : rabbitMq.Port;
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);
        var url = RabbitMqConnection.Redact(rabbitMq);
        try
        {
            using (var client = new TcpClient())
            {
                await client.ConnectAsync(rabbitMq.Host, port, deadline.Token);
            }

            var factory = new ConnectionFactory
            {
                Uri = rabbitMq,
                AutomaticRecoveryEnabled = false,
                RequestedConnectionTimeout = timeout,
                ClientProvidedName = "hyperbus broker check",
            };
            await using var connection = await factory.CreateConnectionAsync(deadline.Token);
            // RabbitMQ answers an unknown vhost (530 NOT_ALLOWED) only when the first channel opens.
            await using (await connection.CreateChannelAsync(cancellationToken: deadline.Token))
            {
            }

            await connection.CloseAsync(deadline.Token);
        }
        catch (Exception e) when (e is SocketException or OperationCanceledException && !cancellationToken.IsCancellationRequested)
        {
            var reason = e is SocketException s ? s.SocketErrorCode.ToString() : $"timed out after {timeout.TotalSeconds:0.#} s";
            throw new BrokerUnreachableException($"cannot reach RabbitMQ at {url}: {reason}");
        }
        catch (Exception e) when (e is RabbitMQClientException or OperationInterruptedException or IOException)
        {
            throw Refusal(rabbitMq, url, e);
        }
    }

    private static Exception Refusal(Uri rabbitMq, string url, Exception e)
    {
        var chain = new List<Exception>();
        for (var inner = e; inner is not null; inner = inner.InnerException)
        {
            chain.Add(inner);
        }

        var text = string.Join(" ", chain.Select(x => x.Message));
        if (chain.Any(x => x is AuthenticationFailureException) || text.Contains("ACCESS_REFUSED", StringComparison.Ordinal))
        {
            return new BrokerRefusedException($"RabbitMQ at {url} refused the login (ACCESS_REFUSED): check the user name and password");
        }

        if (text.Contains("NOT_ALLOWED", StringComparison.Ordinal) || text.Contains("vhost", StringComparison.OrdinalIgnoreCase))
        {
            var vhost = Uri.UnescapeDataString(rabbitMq.AbsolutePath.TrimStart('/'));
            return new BrokerRefusedException($"RabbitMQ at {url} does not let this user into virtual host '{(vhost.Length == 0 ? "/" : vhost)}' (NOT_ALLOWED): it does not exist or the user has no permission on it");
        }

        return new BrokerUnreachableException($"cannot open an AMQP connection to RabbitMQ at {url}: {chain[^1].Message}");
    }
}
