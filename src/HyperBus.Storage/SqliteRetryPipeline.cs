using Microsoft.Data.Sqlite;
using Polly;
using Polly.Retry;

namespace HyperBus.Storage;

/// <summary>The one retry of store I/O: a transient SQLITE_BUSY or SQLITE_LOCKED is tried again after a short back-off.</summary>
public static class SqliteRetryPipeline
{
    private const int SqliteBusy = 5;
    private const int SqliteLocked = 6;

    public static RetryStrategyOptions Options() => new()
    {
        ShouldHandle = new PredicateBuilder().Handle<SqliteException>(IsTransient),
        MaxRetryAttempts = 5,
        Delay = TimeSpan.FromMilliseconds(25),
        MaxDelay = TimeSpan.FromSeconds(1),
        BackoffType = DelayBackoffType.Exponential,
        UseJitter = true,
    };

    public static ResiliencePipeline Create(TimeProvider time) =>
        new ResiliencePipelineBuilder { TimeProvider = time }.AddRetry(Options()).Build();

    /// <summary>Busy or locked, extended codes included (SQLITE_BUSY_SNAPSHOT is 517: its low byte is 5).</summary>
    public static bool IsTransient(SqliteException exception) =>
        (exception.SqliteErrorCode & 0xFF) is SqliteBusy or SqliteLocked ||
        (exception.SqliteExtendedErrorCode & 0xFF) is SqliteBusy or SqliteLocked;
}
