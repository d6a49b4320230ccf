namespace HyperBus.Orchestration.Tests.Support;

/// <summary>A SQLite file in a folder of its own, deleted afterwards.</summary>
public sealed class TempStore : IDisposable
{
    public TempStore()
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("hyperbus-test-").FullName;
    }

    public string Directory { get; }

    public string Path => System.IO.Path.Combine(Directory, "studies.db");

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(Directory, recursive: true);
    }
}
