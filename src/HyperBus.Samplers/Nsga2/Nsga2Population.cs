using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Nsga2;

/// <summary>
/// Rebuilds NSGA-II's parent populations from the trial history: trial n belongs to generation
/// n / size, and the parents of generation g + 1 are the best <c>size</c> of the parents of generation g
/// together with generation g's completed trials (elitist (mu + lambda) selection by front, then crowding).
/// Nothing is kept between calls, so a resumed study computes the same populations.
/// </summary>
public static class Nsga2Population
{
    /// <summary>The parents that breed generation <paramref name="generation"/> (empty for generation 0).</summary>
    public static IReadOnlyList<RankedCandidate> ParentsOf(StudyView study, int generation, int size)
    {
        var byGeneration = Candidate.From(study.Trials, study.Directions)
            .Where(c => c.Trial.Number / size < generation)
            .GroupBy(c => c.Trial.Number / size)
            .ToDictionary(g => g.Key, g => g.ToList());
        IReadOnlyList<RankedCandidate> parents = [];
        for (var g = 0; g < generation; g++)
        {
            var pool = parents.Select(p => p.Candidate).Concat(byGeneration.GetValueOrDefault(g) ?? []).ToList();
            parents = Select(pool, size);
        }

        return parents;
    }

    /// <summary>The best <paramref name="size"/> of <paramref name="pool"/>: whole fronts while they fit, then the least crowded of the next.</summary>
    public static IReadOnlyList<RankedCandidate> Select(IReadOnlyList<Candidate> pool, int size)
    {
        var selected = new List<RankedCandidate>(Math.Min(size, pool.Count));
        var fronts = ParetoDominance.Sort(pool);
        for (var rank = 0; rank < fronts.Count && selected.Count < size; rank++)
        {
            var front = fronts[rank];
            var crowding = CrowdingDistance.Compute(pool, front);
            var order = Enumerable.Range(0, front.Count)
                .OrderByDescending(i => crowding[i])
                .ThenBy(i => pool[front[i]].Trial.Number)
                .Take(size - selected.Count);
            selected.AddRange(order.Select(i => new RankedCandidate(pool[front[i]], rank, crowding[i])));
        }

        return selected;
    }
}
