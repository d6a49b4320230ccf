using MassTransit;

namespace HyperBus.Orchestration.Hosting;

/// <summary>Connects MassTransit to RabbitMQ from an amqp:// or amqps:// URL.</summary>
public static class RabbitMqConnection
{
    public static void Configure(IRabbitMqBusFactoryConfigurator cfg, Uri uri)
    {
        var (user, password) = Credentials(uri);
        var vhost = Uri.UnescapeDataString(uri.AbsolutePath.TrimStart('/'));
        var tls = uri.Scheme.Equals("amqps", StringComparison.OrdinalIgnoreCase);
        var port = uri.IsDefaultPort || uri.Port <= 0 ? (tls ? 5671 : 5672) : uri.Port;
        cfg.Host(uri.Host, (ushort)port, string.IsNullOrEmpty(vhost) ? "/" : vhost, h =>
        {
            h.Username(user);
            h.Password(password);
            if (tls)
            {
                h.UseSsl(s => s.ServerName = uri.Host);
            }
        });
    }

    /// <summary>The URL with its password replaced by ***, for logs and errors.</summary>
    public static string Redact(Uri uri) =>
        string.IsNullOrEmpty(uri.UserInfo) ? uri.ToString() : uri.ToString().Replace(uri.UserInfo, $"{Credentials(uri).User}:***", StringComparison.Ordinal);

    private static (string User, string Password) Credentials(Uri uri)
    {
        var parts = uri.UserInfo.Split(':', 2);
        var user = parts.Length > 0 && parts[0].Length > 0 ? Uri.UnescapeDataString(parts[0]) : "guest";
        var password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "guest";
        return (user, password);
    }
}
