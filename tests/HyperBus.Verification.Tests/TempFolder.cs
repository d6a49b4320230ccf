namespace HyperBus.Verification.Tests;

/// <summary>A temporary folder (as a real path: /tmp may itself be a link) deleted after the test.</summary>
public sealed class TempFolder : IDisposable
{
    public TempFolder()
    {
        Path = ArtifactPaths.RealPath(Directory.CreateTempSubdirectory("hyperbus-verify-").FullName);
    }

    public string Path { get; }

    public string Sub(params string[] parts) => Directory.CreateDirectory(System.IO.Path.Combine([Path, .. parts])).FullName;

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(Path, recursive: true);
    }
}
