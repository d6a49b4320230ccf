using HyperBus.Core.Specs;
using HyperBus.Reporting;
using HyperBus.Storage;

namespace HyperBus.Cli.Commands;

/// <summary>Finds one study in the store named by --storage (or HYPERBUS_STORAGE), as <c>status</c> does; a missing store or study is a user error.</summary>
public static class StoredStudy
{
    public static async Task<(SqliteStudyStore Store, StudySnapshot Study)> LoadAsync(string path, string study, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            throw new SpecException([new SpecError("--storage", $"no study store at '{Path.GetFullPath(path)}'")]);
        }

        var store = SqliteStudyStore.OpenForReading(path);
        var record = await store.FindStudyAsync(study, cancellationToken)
            ?? throw new SpecException([new SpecError("study", $"no study named '{study}' in {path}")]);
        return (store, await StudySnapshot.LoadAsync(store, record, cancellationToken));
    }
}
