using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Genetic;

/// <summary>Ranks a population's trials best first: completed by loss, then pruned by their last value, then failed or unfinished.</summary>
/// <remarks>Failed and pruned members count as worse than every completed one (the rule); ties keep trial order, so ranks are reproducible.</remarks>
public static class PopulationRanking
{
    public static List<Trial> BestFirst(StudyView study, IEnumerable<Trial> trials) =>
        [.. trials.OrderBy(t => Key(study, t).Tier).ThenBy(t => Key(study, t).Loss).ThenBy(t => t.Number)];

    /// <summary>True when <paramref name="a"/> ranks before <paramref name="b"/>.</summary>
    public static bool IsBetter(StudyView study, Trial a, Trial b)
    {
        var (ka, kb) = (Key(study, a), Key(study, b));
        return ka.Tier != kb.Tier ? ka.Tier < kb.Tier : ka.Loss != kb.Loss ? ka.Loss < kb.Loss : a.Number < b.Number;
    }

    /// <summary>Tier 0 completed, 1 pruned, 2 failed or running; the loss is the objective turned so smaller is better.</summary>
    public static (int Tier, double Loss) Key(StudyView study, Trial t) => t.State switch
    {
        TrialState.Completed when t.Value is { } v && !double.IsNaN(v) => (0, study.ToLoss(v)),
        TrialState.Pruned when (t.LastReport?.Value ?? t.Value) is { } v && !double.IsNaN(v) => (1, study.ToLoss(v)),
        _ => (2, double.PositiveInfinity),
    };

    /// <summary>True for a trial whose outcome says something about its configuration.</summary>
    public static bool IsInformative(Trial t) => t.State is TrialState.Completed or TrialState.Pruned;
}
