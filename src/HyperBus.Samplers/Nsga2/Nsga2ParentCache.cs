using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Nsga2;

/// <summary>
/// Remembers the parent population of each generation so a long study does not redo every selection on
/// each suggestion. An entry is reused only while the completed members of the generation it was built
/// from are unchanged (a late finisher invalidates it and everything after it), so the answer is always
/// the one <see cref="Nsga2Population.ParentsOf"/> would compute from scratch.
/// </summary>
internal sealed class Nsga2ParentCache
{
    private readonly object _lock = new();
    private readonly List<(long Fingerprint, IReadOnlyList<RankedCandidate> Parents)> _entries = [];

    public IReadOnlyList<RankedCandidate> ParentsOf(StudyView study, int generation, int size)
    {
        var members = new Dictionary<int, List<Candidate>>();
        foreach (var c in Candidate.From(study.Trials, study.Directions))
        {
            var g = c.Trial.Number / size;
            if (g < generation)
            {
                (members.TryGetValue(g, out var list) ? list : members[g] = []).Add(c);
            }
        }

        lock (_lock)
        {
            IReadOnlyList<RankedCandidate> parents = [];
            for (var g = 0; g < generation; g++)
            {
                var pool = members.GetValueOrDefault(g) ?? [];
                var fingerprint = Fingerprint(pool);
                if (g < _entries.Count && _entries[g].Fingerprint == fingerprint)
                {
                    parents = _entries[g].Parents;
                    continue;
                }

                // This generation changed: drop it and every later entry, which were built on it.
                if (g < _entries.Count)
                {
                    _entries.RemoveRange(g, _entries.Count - g);
                }

                parents = Nsga2Population.Select([.. parents.Select(p => p.Candidate), .. pool], size);
                _entries.Add((fingerprint, parents));
            }

            return parents;
        }
    }

    /// <summary>Which trials completed, and with which values; equal fingerprints mean the same pool.</summary>
    private static long Fingerprint(List<Candidate> pool)
    {
        var hash = new HashCode();
        hash.Add(pool.Count);
        foreach (var c in pool)
        {
            hash.Add(c.Trial.Id);
            hash.Add(c.Violation);
            foreach (var l in c.Losses)
            {
                hash.Add(l);
            }
        }

        return ((long)pool.Count << 32) ^ (uint)hash.ToHashCode();
    }
}
