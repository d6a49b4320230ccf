using System.Globalization;
using HyperBus.Core.Trials;

namespace HyperBus.Reporting.Analysis;

/// <summary>Best per generation for population samplers (GA, PSO, PBT), which keep the generation in a trial attribute.</summary>
public static class GenerationProgress
{
    /// <summary>One summary per generation that has completed trials; empty when no trial carries a generation.</summary>
    public static IReadOnlyList<GenerationSummary> Compute(IEnumerable<Trial> trials, StudyDirection direction)
    {
        var groups = trials
            .Where(t => t.State == TrialState.Completed && t.Value is not null)
            .Select(t => (Trial: t, Generation: t.Attributes.TryGetValue(TrialAttributeKeys.Generation, out var g) &&
                int.TryParse(g, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) ? n : (int?)null))
            .Where(x => x.Generation is not null)
            .GroupBy(x => x.Generation!.Value)
            .OrderBy(g => g.Key);
        var summaries = new List<GenerationSummary>();
        double? bestSoFar = null;
        foreach (var group in groups)
        {
            var values = group.Select(x => x.Trial.Value!.Value).ToList();
            var best = direction == StudyDirection.Maximize ? values.Max() : values.Min();
            bestSoFar = bestSoFar is null ? best : direction == StudyDirection.Maximize ? Math.Max(best, bestSoFar.Value) : Math.Min(best, bestSoFar.Value);
            summaries.Add(new GenerationSummary(group.Key, values.Count, best, values.Average(), bestSoFar.Value));
        }

        return summaries;
    }
}
