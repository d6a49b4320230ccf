using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Storage;

namespace HyperBus.Cli.Running;

/// <summary>
/// What <c>tune</c> does with a spec whose study name the store already holds: an unfinished study (running,
/// paused or cancelled) is resumed; a finished one is not run again unless <c>--new</c> asks for a new study.
/// </summary>
public static class ExistingStudy
{
    /// <summary>The stored study to resume, or null to start a new one; throws a user error for a finished study.</summary>
    public static async Task<StudyRecord?> FindAsync(string storage, StudySpec spec, bool startNew, CancellationToken cancellationToken)
    {
        if (startNew || !File.Exists(storage))
        {
            return null;
        }

        using var store = new SqliteStudyStore(storage);
        var matches = (await store.ListStudiesAsync(cancellationToken)).Where(s => s.Name == spec.Name).ToList();
        if (matches.Count == 0)
        {
            return null;
        }

        var newest = matches[^1];
        if (newest.Status is StudyStatus.Completed or StudyStatus.Failed)
        {
            throw new SpecException([new SpecError("study",
                $"a study named '{spec.Name}' already {newest.Status.ToString().ToLowerInvariant()} in {storage} ({newest.Id}); " +
                "pass --new to run another study of that name, or give the spec a new name")]);
        }

        if (await store.GetLeaseAsync(newest.Id, cancellationToken) is { } lease && lease.ExpiresAt > TimeProvider.System.GetUtcNow())
        {
            Console.Error.WriteLine($"study {spec.Name} is held by {lease.Owner} until {lease.ExpiresAt:HH:mm:ss} UTC; waiting for that lease to expire");
        }

        return newest;
    }
}
