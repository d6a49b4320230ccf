using System.CommandLine;

namespace HyperBus.Cli.Commands;

/// <summary>
/// <c>--no-warmup</c> (or <c>HYPERBUS_NO_WARMUP=1</c>): serve at once, without the start-up warm-up studies (the first
/// real study then runs slower). Test suites that start many short-lived hosts set the variable.
/// </summary>
public static class WarmUpOption
{
    public static Option<bool> Skip { get; } = new("--no-warmup")
    {
        Description = "serve at once: skip the private no-op studies run through the broker at start (default: $HYPERBUS_NO_WARMUP; the first real study then pays the JIT)",
        DefaultValueFactory = _ => Environment.GetEnvironmentVariable("HYPERBUS_NO_WARMUP") is "1" or "true",
    };
}
