using Microsoft.Data.Sqlite;
using Polly.Retry;
using Polly.Testing;

namespace HyperBus.Storage.Tests;

public sealed class SqliteRetryPipelineTests
{
    [Theory]
    [InlineData(5, 5, true)] // SQLITE_BUSY
    [InlineData(6, 6, true)] // SQLITE_LOCKED
    [InlineData(5, 517, true)] // SQLITE_BUSY_SNAPSHOT
    [InlineData(19, 2067, false)] // SQLITE_CONSTRAINT_UNIQUE
    [InlineData(1, 1, false)] // SQLITE_ERROR
    public void Only_busy_and_locked_are_transient(int code, int extended, bool transient) =>
        Assert.Equal(transient, SqliteRetryPipeline.IsTransient(new SqliteException("x", code, extended)));

    [Fact]
    public void The_pipeline_is_one_retry_with_a_small_exponential_back_off()
    {
        var descriptor = SqliteRetryPipeline.Create(TimeProvider.System).GetPipelineDescriptor();

        var strategy = Assert.Single(descriptor.Strategies);
        var options = Assert.IsType<RetryStrategyOptions>(strategy.Options);
        Assert.Equal(5, options.MaxRetryAttempts);
        Assert.Equal(Polly.DelayBackoffType.Exponential, options.BackoffType);
        Assert.True(options.Delay <= TimeSpan.FromMilliseconds(100));
    }

    [Fact]
    public async Task A_busy_error_is_retried_and_a_constraint_error_is_not()
    {
        var pipeline = SqliteRetryPipeline.Create(TimeProvider.System);
        var calls = 0;

        var result = await pipeline.ExecuteAsync(_ => ++calls < 3 ? throw new SqliteException("busy", 5, 5) : ValueTask.FromResult(calls));
        Assert.Equal(3, result);

        calls = 0;
        await Assert.ThrowsAsync<SqliteException>(async () =>
            await pipeline.ExecuteAsync<int>(_ => { calls++; throw new SqliteException("unique", 19, 2067); }));
        Assert.Equal(1, calls);
    }
}
