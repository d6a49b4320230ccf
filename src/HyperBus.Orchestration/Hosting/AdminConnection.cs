using RabbitMQ.Client;

namespace HyperBus.Orchestration.Hosting;

/// <summary>
/// A short-lived AMQP connection for one administrative step (declare, delete, peek): no automatic recovery, since a
/// step that loses its broker should fail and say so rather than wait for it, and a name the management UI shows.
/// </summary>
public static class AdminConnection
{
    public static Task<IConnection> OpenAsync(Uri rabbitMq, string name, CancellationToken cancellationToken)
    {
        var factory = new ConnectionFactory { Uri = rabbitMq, AutomaticRecoveryEnabled = false, ClientProvidedName = name };
        return factory.CreateConnectionAsync(cancellationToken);
    }
}
