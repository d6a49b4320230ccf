using System.Collections.Concurrent;
using HyperBus.Core.Specs;

namespace HyperBus.Verification;

/// <summary>
/// Holdout scores worked out before the study's lock was taken, each used once by the verdict of its attempt. A score
/// counts only for the very file it was computed on (path, size and write time), so a model rewritten in between is
/// scored again. Bounded: an attempt whose outcome never reaches its verdict (a duplicate, a stale attempt) cannot
/// make it grow.
/// </summary>
public sealed class PreparedScores
{
    public const int Capacity = 1_024;

    private readonly ConcurrentDictionary<Key, (double Accuracy, int Rows)> _scores = new();
    private readonly ConcurrentQueue<Key> _order = new();

    public int Count => _scores.Count;

    public void Add(Guid trialId, int attempt, string modelFile, string dataset, VerifySpec verify, (double Accuracy, int Rows) score)
    {
        if (KeyOf(trialId, attempt, modelFile, dataset, verify) is not { } key || !_scores.TryAdd(key, score))
        {
            return;
        }

        _order.Enqueue(key);
        // The queue holds taken keys too; trimming it by its own length keeps both bounded.
        while (_order.Count > Capacity && _order.TryDequeue(out var oldest))
        {
            _scores.TryRemove(oldest, out _);
        }
    }

    /// <summary>The score prepared for this attempt's model as it is now on disk, removed; null when there is none.</summary>
    public (double Accuracy, int Rows)? Take(Guid trialId, int attempt, string modelFile, string dataset, VerifySpec verify) =>
        KeyOf(trialId, attempt, modelFile, dataset, verify) is { } key && _scores.TryRemove(key, out var score) ? score : null;

    private static Key? KeyOf(Guid trialId, int attempt, string modelFile, string dataset, VerifySpec verify)
    {
        var file = new FileInfo(modelFile);
        return file.Exists ? new Key(trialId, attempt, file.FullName, file.Length, file.LastWriteTimeUtc, dataset, verify.Holdout, verify.Seed) : null;
    }

    private sealed record Key(Guid TrialId, int Attempt, string ModelFile, long Length, DateTime WrittenAt, string Dataset, double Holdout, long Seed);
}
