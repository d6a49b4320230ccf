using Microsoft.Data.Sqlite;

namespace HyperBus.Storage;

/// <summary>
/// The store's one connection for writes, kept open with its statements prepared once. Preparing is most of what a
/// small write costs SQLite (parsing, planning, building and freeing the program): the host's commit of a trial
/// outcome runs the same dozen statements every time, so each is compiled on first use and then only re-bound.
/// Used by one transaction at a time (the store's write gate); <see cref="Sql.Command"/> finds the cache through it.
/// </summary>
internal sealed class SqliteWriteConnection(string connectionString) : SqliteConnection(connectionString)
{
    /// <summary>Statements kept prepared; a text past this many (none today: every write's SQL is constant) runs once and is freed.</summary>
    private const int MaxPrepared = 128;

    private readonly Dictionary<string, SqliteCommand> _prepared = new(StringComparer.Ordinal);
    private readonly List<SqliteCommand> _once = [];

    /// <summary>The command for <paramref name="text"/>, prepared on its first use, with its parameters cleared for new values.</summary>
    public SqliteCommand Prepared(string text, SqliteTransaction? transaction)
    {
        if (!_prepared.TryGetValue(text, out var command))
        {
            command = CreateCommand();
            command.CommandText = text;
            if (_prepared.Count < MaxPrepared)
            {
                _prepared.Add(text, command);
            }
            else
            {
                _once.Add(command);
            }
        }

        command.Transaction = transaction;
        command.Parameters.Clear();
        return command;
    }

    /// <summary>Frees the commands that were not kept; called when a transaction ends.</summary>
    public void ReleaseUnprepared()
    {
        foreach (var command in _once)
        {
            command.Dispose();
        }

        _once.Clear();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            ReleaseUnprepared();
            foreach (var command in _prepared.Values)
            {
                command.Dispose();
            }

            _prepared.Clear();
        }

        base.Dispose(disposing);
    }
}
