namespace HyperBus.Core.Storage;

/// <summary>
/// Everything one handled message changes in a study, written in one transaction: the trial writes, the
/// saga's new state, the messages to relay and the counts of dropped messages. The writes are replayable
/// (the store may run them again when the database was busy), so they must only call the writer.
/// </summary>
public sealed class StudyCommit
{
    private readonly List<Action<IStudyWriter>> _writes = [];
    private readonly List<OutboxMessage> _outbox = [];
    private readonly Dictionary<(Guid StudyId, string Reason), int> _drops = [];

    public IReadOnlyList<Action<IStudyWriter>> Writes => _writes;

    public IReadOnlyList<OutboxMessage> Outbox => _outbox;

    public IReadOnlyDictionary<(Guid StudyId, string Reason), int> Drops => _drops;

    /// <summary>The saga state to save, with the version it was loaded at; null leaves it as it is.</summary>
    public StudySaga? Saga { get; set; }

    /// <summary>Outbox rows already relayed; deleting them here saves a transaction of their own.</summary>
    public IReadOnlyCollection<long> Relayed { get; set; } = [];

    public bool IsEmpty => _writes.Count == 0 && _outbox.Count == 0 && _drops.Count == 0 && Saga is null && Relayed.Count == 0;

    public void Write(Action<IStudyWriter> write) => _writes.Add(write);

    public void Send(OutboxMessage message) => _outbox.Add(message);

    public void CountDrop(Guid studyId, string reason) =>
        _drops[(studyId, reason)] = _drops.GetValueOrDefault((studyId, reason)) + 1;

    /// <summary>
    /// Adds what a later message changed, so several messages commit in one transaction: writes and
    /// outbox rows in order, drop counts summed, and that message's saga state when it has one.
    /// </summary>
    public void Append(StudyCommit later)
    {
        _writes.AddRange(later._writes);
        _outbox.AddRange(later._outbox);
        foreach (var (key, count) in later._drops)
        {
            _drops[key] = _drops.GetValueOrDefault(key) + count;
        }

        Saga = later.Saga ?? Saga;
        Relayed = later.Relayed.Count == 0 ? Relayed : [.. Relayed, .. later.Relayed];
    }
}
