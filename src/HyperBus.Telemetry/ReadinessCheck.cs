using MassTransit;
using Microsoft.Data.Sqlite;

namespace HyperBus.Telemetry;

/// <summary>Readiness: the bus is connected (MassTransit's own health) and, in a host, the store takes a write lock.</summary>
public sealed class ReadinessCheck
{
    private readonly IBusControl _bus;
    private readonly string? _storagePath;

    public ReadinessCheck(IBusControl bus, HyperBusTelemetryOptions options)
    {
        _bus = bus;
        _storagePath = options.StoragePath;
    }

    public async Task<ReadinessReport> CheckAsync(CancellationToken cancellationToken)
    {
        var checks = new Dictionary<string, string>(StringComparer.Ordinal);
        var health = _bus.CheckHealth();
        checks["bus"] = health.Status == BusHealthStatus.Healthy ? "connected" : $"{health.Status.ToString().ToLowerInvariant()}: {health.Description}";
        var ready = health.Status == BusHealthStatus.Healthy;
        if (_storagePath is not null)
        {
            var store = await StoreWritableAsync(_storagePath, cancellationToken);
            checks["store"] = store ?? "writable";
            ready &= store is null;
        }

        return new ReadinessReport(ready, checks);
    }

    /// <summary>Null when a write transaction can begin on the file; else why not.</summary>
    private static async Task<string?> StoreWritableAsync(string path, CancellationToken cancellationToken)
    {
        try
        {
            var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, DefaultTimeout = 2, Pooling = false };
            await using var connection = new SqliteConnection(builder.ToString());
            await connection.OpenAsync(cancellationToken);
            // BEGIN IMMEDIATE takes the write lock without writing anything: the check a write would fail on.
            await using var command = connection.CreateCommand();
            command.CommandText = "BEGIN IMMEDIATE; ROLLBACK;";
            await command.ExecuteNonQueryAsync(cancellationToken);
            return null;
        }
        catch (SqliteException e)
        {
            return $"not writable: {e.Message}";
        }
    }
}
