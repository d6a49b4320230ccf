using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Logging.Console;

namespace HyperBus.Cli.Running;

/// <summary>
/// One line per log entry, an exception reduced to its type and first message line: a broker restart or a poison
/// message is a line an operator reads, not kilobytes of stack trace; the many entries of one lost broker connection
/// are one warning (<see cref="BrokerOutageLog"/>). <c>--verbose</c> logs full traces instead.
/// </summary>
public sealed class BriefLogFormatter : ConsoleFormatter
{
    public const string FormatterName = "hyperbus-brief";

    private readonly BrokerOutageLog _outages;

    public BriefLogFormatter()
        : this(TimeProvider.System)
    {
    }

    public BriefLogFormatter(TimeProvider time)
        : base(FormatterName)
    {
        _outages = new BrokerOutageLog(time);
    }

    public override void Write<TState>(in LogEntry<TState> logEntry, IExternalScopeProvider? scopeProvider, TextWriter textWriter)
    {
        var full = logEntry.Formatter(logEntry.State, null) ?? string.Empty;
        if (_outages.Rewrite(logEntry.Category, full, logEntry.Exception) is { } outage)
        {
            if (outage.Length > 0)
            {
                textWriter.WriteLine(outage);
            }

            return;
        }

        var message = FirstLine(full);
        var line = $"{Level(logEntry.LogLevel)}: {logEntry.Category}: {message}";
        if (logEntry.Exception is { } exception)
        {
            // The innermost cause is usually the one that says what went wrong (ACCESS_REFUSED, a JSON position).
            var cause = exception;
            while (cause.InnerException is not null)
            {
                cause = cause.InnerException;
            }

            line += $" ({cause.GetType().Name}: {FirstLine(cause.Message)})";
        }

        textWriter.WriteLine(line);
    }

    private static string FirstLine(string text)
    {
        var end = text.IndexOfAny(['\r', '\n']);
        return end < 0 ? text : text[..end];
    }

    private static string Level(LogLevel level) => level switch
    {
        LogLevel.Trace => "trce",
        LogLevel.Debug => "dbug",
        LogLevel.Information => "info",
        LogLevel.Warning => "warn",
        LogLevel.Error => "fail",
        _ => "crit",
    };
}
