using System.CommandLine;
using HyperBus.Reporting.Dashboard;

namespace HyperBus.Cli.Commands;

/// <summary><c>--dashboard [URL]</c>: serve the live dashboard from this process (127.0.0.1:8050 when no URL is given).</summary>
public static class DashboardOption
{
    public static Option<string?> Option { get; } = new("--dashboard")
    {
        Description = $"serve the live dashboard at URL (default {DashboardAddress.Default}; read-only, keep it on 127.0.0.1 unless you mean to share it)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    /// <summary>The URL to serve on, or null when the option was not given.</summary>
    public static Uri? Read(ParseResult result) =>
        result.GetResult(Option) is null ? null : DashboardAddress.Parse(result.GetValue(Option));

    public static void Announce(Uri? url)
    {
        if (url is not null)
        {
            Console.Error.WriteLine($"hyperbus: dashboard at {url.GetLeftPart(UriPartial.Authority)}/");
        }
    }
}
