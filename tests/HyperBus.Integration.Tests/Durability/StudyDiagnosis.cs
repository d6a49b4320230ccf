using HyperBus.Integration.Tests.Support;

namespace HyperBus.Integration.Tests.Durability;

/// <summary>What a failed drill leaves behind, for its failure message: the study's trials, its lease and a host's last words.</summary>
public static class StudyDiagnosis
{
    public static async Task<string> DescribeAsync(string storage, string studyName, ChildProcess host)
    {
        using var watch = new StoreWatch(storage);
        var study = await watch.Store.FindStudyAsync(studyName);
        var trials = study is null ? [] : await watch.Store.LoadTrialsAsync(study.Id);
        var states = string.Join(", ", trials.GroupBy(t => t.State).Select(g => $"{g.Key} {g.Count()}"));
        var unfinished = string.Join(", ", trials.Where(t => !t.IsFinished).Select(t => $"#{t.Number} attempt {t.Attempt}"));
        var lease = study is null ? null : await StoreTables.ReadLeaseAsync(storage, study.Id);
        var unsent = study is null ? [] : await StoreTables.UnsentAsync(storage, study.Id, TimeSpan.Zero);
        var tail = string.Join('\n', host.Output.Split('\n').TakeLast(40));
        return $"study {studyName}: {study?.Status.ToString() ?? "not stored"}; trials: {states}; unfinished: {unfinished}; " +
            $"lease: {lease?.Owner ?? "none"} until {lease?.ExpiresAt:O}; unsent: {string.Join(", ", unsent)}\n{host.Name} (pid {host.Id}, last 40 lines):\n{tail}";
    }
}
