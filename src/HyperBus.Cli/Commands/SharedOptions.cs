using System.CommandLine;
using HyperBus.Cli.Running;
using HyperBus.Core.Specs;
using HyperBus.Orchestration.Hosting;

namespace HyperBus.Cli.Commands;

/// <summary>Options several commands share, read the same way everywhere.</summary>
public static class SharedOptions
{
    public static Option<string> Storage { get; } = new("--storage")
    {
        Description = "SQLite file that stores studies and trials",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HYPERBUS_STORAGE") ?? "hyperbus.db",
    };

    public static Option<string> Transport { get; } = new("--transport")
    {
        Description = "inmemory (one process, no broker) or rabbitmq",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HYPERBUS_TRANSPORT") ?? "inmemory",
    };

    public static Option<string?> RabbitMq { get; } = new("--rabbitmq")
    {
        Description = "amqp://user:password@host:port/vhost (default: $HYPERBUS_RABBITMQ, or the file named by $HYPERBUS_RABBITMQ_FILE)",
    };

    public static Option<bool> Json { get; } = new("--json") { Description = "print exactly one JSON object on stdout" };

    public static Option<bool> Verbose { get; } = new("--verbose") { Description = "log what the host and workers do (to stderr)" };

    public static void AddBusOptions(Command command)
    {
        command.Options.Add(Storage);
        command.Options.Add(Transport);
        command.Options.Add(RabbitMq);
        command.Options.Add(Verbose);
    }

    /// <summary>Reads the bus options; bad values are user errors (exit code 2).</summary>
    public static BusCommandOptions ReadBus(ParseResult result)
    {
        var transport = result.GetValue(Transport)?.ToLowerInvariant() switch
        {
            "inmemory" or "in-memory" or "memory" => BusTransport.InMemory,
            "rabbitmq" => BusTransport.RabbitMq,
            var other => throw new SpecException([new SpecError("--transport", $"must be inmemory or rabbitmq, not '{other}'")]),
        };
        Uri? uri = null;
        var url = result.GetValue(RabbitMq) ?? NonEmpty(Environment.GetEnvironmentVariable("HYPERBUS_RABBITMQ")) ?? UrlFromFile();
        if (transport == BusTransport.RabbitMq)
        {
            if (string.IsNullOrWhiteSpace(url))
            {
                throw new SpecException([new SpecError("--rabbitmq", "is required with --transport rabbitmq (or set HYPERBUS_RABBITMQ)")]);
            }

            if (!Uri.TryCreate(url, UriKind.Absolute, out uri) || uri.Scheme is not ("amqp" or "amqps"))
            {
                throw new SpecException([new SpecError("--rabbitmq", "must be an amqp:// or amqps:// URL")]);
            }
        }

        return new BusCommandOptions(transport, uri, result.GetValue(Storage)!, result.GetValue(Verbose));
    }

    /// <summary>
    /// The URL from the file named by HYPERBUS_RABBITMQ_FILE (a Docker or Kubernetes secret), so the
    /// password is in neither the command line nor the environment.
    /// </summary>
    private static string? NonEmpty(string? value) => string.IsNullOrWhiteSpace(value) ? null : value;

    private static string? UrlFromFile()
    {
        var file = Environment.GetEnvironmentVariable("HYPERBUS_RABBITMQ_FILE");
        if (string.IsNullOrWhiteSpace(file))
        {
            return null;
        }

        try
        {
            return File.ReadAllText(file).Trim();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new SpecException([new SpecError("HYPERBUS_RABBITMQ_FILE", $"cannot read '{file}': {e.Message}")]);
        }
    }
}
