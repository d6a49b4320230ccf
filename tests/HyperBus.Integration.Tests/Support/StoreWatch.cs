using System.Diagnostics;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Storage;

namespace HyperBus.Integration.Tests.Support;

/// <summary>Reads a host's SQLite file while the host writes it (WAL allows it) to see how a study is doing.</summary>
public sealed class StoreWatch(string path) : IDisposable
{
    private readonly SqliteStudyStore _store = new(path);

    public IOrchestrationStore Store => _store;

    /// <summary>Waits until <paramref name="done"/> holds for the study's trials.</summary>
    public async Task<IReadOnlyList<Trial>> WaitForTrialsAsync(Guid studyId, Func<IReadOnlyList<Trial>, bool> done, TimeSpan timeout, string what)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            var trials = await _store.LoadTrialsAsync(studyId);
            if (done(trials))
            {
                return trials;
            }

            if (clock.Elapsed > timeout)
            {
                throw new TimeoutException($"{what}: not within {timeout} ({trials.Count(t => t.State == TrialState.Completed)} completed of {trials.Count})");
            }

            await Task.Delay(100);
        }
    }

    /// <summary>Waits until the study is no longer running.</summary>
    public async Task<StudyRecord> WaitForEndAsync(Guid studyId, TimeSpan timeout)
    {
        var clock = Stopwatch.StartNew();
        while (true)
        {
            // The host may not have stored a just-submitted study yet.
            var study = await _store.GetStudyAsync(studyId);
            if (study is { Status: not StudyStatus.Running })
            {
                return study;
            }

            if (clock.Elapsed > timeout)
            {
                var trials = await _store.LoadTrialsAsync(studyId);
                throw new TimeoutException($"study {studyId} still running after {timeout}: {trials.Count(t => t.State == TrialState.Completed)} of {trials.Count} trials completed");
            }

            await Task.Delay(200);
        }
    }

    public void Dispose() => _store.Dispose();
}
