using System.Reflection;
using HyperBus.Core.Storage;

namespace HyperBus.Orchestration.Tests.Support;

/// <summary>
/// A study store that only commits, as the store does for a saga: each commit is one transaction, checked
/// against the saga version it was loaded at. A commit can be held at a gate (a slow disk) or made to fail.
/// </summary>
public class GatedCommitStore : DispatchProxy
{
    private readonly object _gate = new();
    private long _nextId;

    public List<StudyCommit> Transactions { get; } = [];

    public int Version { get; private set; }

    public TaskCompletionSource? Hold { get; set; }

    public Exception? FailNext { get; set; }

    public TaskCompletionSource FirstEntered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public static (IOrchestrationStore Store, GatedCommitStore Control) Create()
    {
        var store = Create<IOrchestrationStore, GatedCommitStore>();
        return (store, (GatedCommitStore)(object)store);
    }

    protected override object? Invoke(MethodInfo? targetMethod, object?[]? args) => targetMethod?.Name switch
    {
        nameof(IOrchestrationStore.CommitAsync) => CommitAsync((StudyCommit)args![0]!),
        _ => throw new NotSupportedException(targetMethod?.Name),
    };

    private async Task<IReadOnlyList<OutboxMessage>> CommitAsync(StudyCommit commit)
    {
        FirstEntered.TrySetResult();
        if (Hold is { } hold)
        {
            await hold.Task;
        }

        lock (_gate)
        {
            if (FailNext is { } failure)
            {
                FailNext = null;
                throw failure;
            }

            if (commit.Saga is { } saga && saga.Version != Version)
            {
                throw new StaleSagaException($"saved since version {saga.Version}");
            }

            Version = commit.Saga is null ? Version : Version + 1;
            Transactions.Add(commit);
            return [.. commit.Outbox.Select(m => m with { Id = ++_nextId })];
        }
    }
}
