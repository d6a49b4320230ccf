using System.Globalization;
using Microsoft.Data.Sqlite;

namespace HyperBus.Storage;

/// <summary>Reads which schema version a store file is at without changing it (a read-only file cannot be migrated).</summary>
internal static class SqliteSchemaVersion
{
    public static int Applied(SqliteConnection connection)
    {
        var exists = Sql.Command(connection, null, "SELECT COUNT(*) FROM sqlite_master WHERE type = 'table' AND name = 'schema_version';").ExecuteScalar();
        if (Convert.ToInt32(exists, CultureInfo.InvariantCulture) == 0)
        {
            return 0;
        }

        return Convert.ToInt32(Sql.Command(connection, null, "SELECT COALESCE(MAX(version), 0) FROM schema_version;").ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
