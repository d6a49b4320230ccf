using Microsoft.Data.Sqlite;

namespace HyperBus.Storage;

/// <summary>Builds parameterised commands; a null argument is bound as SQL NULL.</summary>
internal static class Sql
{
    /// <summary>
    /// A command on <paramref name="connection"/> with the arguments bound. On the store's write connection it is
    /// the statement kept prepared for this text (owned by that connection: not to be disposed by the caller).
    /// </summary>
    public static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? transaction, string text, params ReadOnlySpan<(string Name, object? Value)> arguments)
    {
        SqliteCommand command;
        if (connection is SqliteWriteConnection writer)
        {
            command = writer.Prepared(text, transaction);
        }
        else
        {
            command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = text;
        }

        foreach (var (name, value) in arguments)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }
}
