using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Storage;
using Microsoft.Data.Sqlite;

namespace HyperBus.Reporting.Tests.Support;

/// <summary>A real SQLite store in a temporary folder, filled through the store's own writes.</summary>
public sealed class TempStore : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-reporting-");

    public TempStore()
    {
        Path = System.IO.Path.Combine(_dir.FullName, "studies.db");
        Store = new SqliteStudyStore(Path);
    }

    public string Path { get; }

    public string Folder => _dir.FullName;

    public SqliteStudyStore Store { get; }

    /// <summary>Stores the builder's study and trials: reports, outcomes, a retried attempt for a failed trial.</summary>
    public async Task AddAsync(StudyBuilder builder)
    {
        await Store.CreateStudyAsync(builder.Record);
        foreach (var t in builder.Trials)
        {
            await AddTrialAsync(builder.Record.Id, t);
        }
    }

    public async Task AddTrialAsync(Guid studyId, Trial t)
    {
        await Store.CreateTrialAsync(studyId, t with { State = TrialState.Running, Reports = [] });
        await Store.MarkStartedAsync(t.Id, 1, "worker-1", t.StartedAt!.Value);
        foreach (var r in t.Reports)
        {
            await Store.AppendReportAsync(t.Id, 1, r);
        }

        var attempt = 1;
        if (t.State == TrialState.Failed)
        {
            await Store.RetryTrialAsync(t.Id, 1, "out of memory", t.StartedAt.Value);
            attempt = 2;
        }

        if (t.State != TrialState.Running)
        {
            await Store.FinishTrialAsync(t.Id, attempt, new TrialOutcome(t.State, t.Value, t.FinishedAt!.Value, 0.5, Error: t.State == TrialState.Failed ? "out of memory again" : null) { Values = t.Values });
        }
    }

    public void Dispose()
    {
        Store.Dispose();
        SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
