using HyperBus.Core.Specs;
using HyperBus.Storage;
using Microsoft.Data.Sqlite;

namespace HyperBus.Cli.Running;

/// <summary>
/// Opens the store before anything runs, so an unwritable or corrupt file is a clear error naming
/// <c>--storage</c> (exit code 2) rather than a study that fails message by message later.
/// </summary>
public static class StorageCheck
{
    public static void EnsureUsable(string path)
    {
        // A typo in the folder would otherwise create a fresh store there and "lose" every study.
        if (Path.GetDirectoryName(Path.GetFullPath(path)) is { } folder && !Directory.Exists(folder))
        {
            throw new SpecException([new SpecError("--storage", $"cannot use '{path}' as the study store: {(File.Exists(folder) ? $"'{folder}' is a file, not a folder" : $"the folder '{folder}' does not exist; create it first")}")]);
        }

        try
        {
            using var store = new SqliteStudyStore(path);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or SqliteException or ArgumentException or NotSupportedException)
        {
            SqliteConnection.ClearAllPools();
            throw new SpecException([new SpecError("--storage", $"cannot use '{path}' as the study store: {Reason(e)}")]);
        }
    }

    private static string Reason(Exception e) => e switch
    {
        SqliteException sqlite => sqlite.Message.Replace("SQLite Error ", "SQLite error ", StringComparison.Ordinal),
        _ => e.Message,
    };
}
