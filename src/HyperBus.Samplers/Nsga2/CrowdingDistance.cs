using HyperBus.Core.Trials;
namespace HyperBus.Samplers.Nsga2;

/// <summary>How isolated each member of a front is in objective space (Deb et al. 2002); the ends of each axis get infinity.</summary>
public static class CrowdingDistance
{
    public static double[] Compute(IReadOnlyList<Candidate> candidates, IReadOnlyList<int> front)
    {
        var distance = new double[front.Count];
        if (front.Count == 0)
        {
            return distance;
        }

        var objectives = candidates[front[0]].Losses.Length;
        for (var m = 0; m < objectives; m++)
        {
            // Stable order by value then by position, so ties give the same answer on every run.
            var order = Enumerable.Range(0, front.Count).OrderBy(i => candidates[front[i]].Losses[m]).ThenBy(i => i).ToArray();
            var low = candidates[front[order[0]]].Losses[m];
            var high = candidates[front[order[^1]]].Losses[m];
            distance[order[0]] = double.PositiveInfinity;
            distance[order[^1]] = double.PositiveInfinity;
            if (high - low <= 0)
            {
                continue;
            }

            for (var k = 1; k < order.Length - 1; k++)
            {
                distance[order[k]] += (candidates[front[order[k + 1]]].Losses[m] - candidates[front[order[k - 1]]].Losses[m]) / (high - low);
            }
        }

        return distance;
    }
}
