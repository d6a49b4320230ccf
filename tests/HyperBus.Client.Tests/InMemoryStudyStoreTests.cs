using HyperBus.Core.Storage;
using HyperBus.Storage.Tests;

namespace HyperBus.Client.Tests;

/// <summary>The in-memory store passes the same contract as the SQLite store; "re-opening" it gives the same instance.</summary>
public sealed class InMemoryStudyStoreTests : StudyStoreContract
{
    private InMemoryStudyStore? _shared;

    protected override IStudyStore OpenStore() => _shared ??= new InMemoryStudyStore();

    protected override void Close(IStudyStore store, bool last)
    {
    }

    protected override Task<StoredOutcome?> ReadStoredOutcomeAsync(Guid trialId) =>
        Task.FromResult(_shared!.OutcomeOf(trialId) is { } o ? new StoredOutcome(o.Metrics, o.Checkpoint, o.Artifact, o.DurationSeconds) : null);
}
