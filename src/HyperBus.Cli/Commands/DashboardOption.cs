using System.CommandLine;
using HyperBus.Reporting.Dashboard;
using HyperBus.Storage;

namespace HyperBus.Cli.Commands;

/// <summary><c>--dashboard [URL]</c>: serve the live dashboard from this process (127.0.0.1:8050 when no URL is given).</summary>
public static class DashboardOption
{
    public static Option<string?> Option { get; } = new("--dashboard")
    {
        Description = $"serve the live dashboard at URL (default {DashboardAddress.Default}; read-only, keep it on 127.0.0.1 unless you mean to share it)",
        Arity = ArgumentArity.ZeroOrOne,
    };

    public static Option<bool> KeepServing { get; } = new("--keep-serving")
    {
        Description = "with --dashboard: keep serving the dashboard after the study ends, until Ctrl-C",
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

    /// <summary>
    /// After the study: with --keep-serving, serves the dashboard from the store until Ctrl-C; otherwise says it stopped,
    /// so the page going away is never a surprise.
    /// </summary>
    public static async Task AfterStudyAsync(ParseResult result, Uri? url, string storage, CancellationToken cancellationToken)
    {
        if (url is null)
        {
            return;
        }

        var address = url.GetLeftPart(UriPartial.Authority);
        if (!result.GetValue(KeepServing) || cancellationToken.IsCancellationRequested)
        {
            Console.Error.WriteLine($"hyperbus: the study ended; dashboard at {address}/ stopped (--keep-serving keeps it up)");
            return;
        }

        await using var server = new DashboardServer(new SqliteStudyStore(storage), url);
        await server.StartAsync(CancellationToken.None);
        Console.Error.WriteLine($"hyperbus: the study ended; dashboard still serving at {address}/ until Ctrl-C");
        // The parser leaves Ctrl-C to the command (see Program.cs): this wait ends on the first press.
        using var interrupts = new Running.Interrupts(quiet: true);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, interrupts.First);
        // A service manager (or a script's kill) stops it with SIGTERM; the study's host, which handled that, is gone.
        using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(System.Runtime.InteropServices.PosixSignal.SIGTERM, context =>
        {
            context.Cancel = true;
            stop.Cancel();
        });
        try
        {
            await Task.Delay(Timeout.Infinite, stop.Token);
        }
        catch (OperationCanceledException)
        {
            // Ctrl-C: the wanted way to stop.
        }

        await server.StopAsync(CancellationToken.None);
        Console.Error.WriteLine($"hyperbus: dashboard at {address}/ stopped");
    }
}
