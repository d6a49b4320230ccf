using System.Globalization;
using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Pbt;

/// <summary>
/// Synchronous population-based training (Jaderberg et al. 2017; Ray Tune's exploit and explore): plans
/// every member's next training interval once the whole previous generation has an outcome.
/// </summary>
/// <remarks>
/// Member i's trial of generation g is trial g * size + i and trains until the member's total reaches
/// <see cref="PbtSchedulerOptions.BudgetAfter"/> (the trial's budget), resuming from a checkpoint. After a
/// generation the members are ranked (failed and pruned last); the bottom quantile, and any member that
/// failed, copies the checkpoint and configuration of a random top-quantile member (exploit) and
/// explores around it; the others continue from their own checkpoint with their own configuration.
/// Everything is derived from the stored trials and (seed, trial number), so a restarted host plans the
/// same generation; the lineage is stored in each trial's attributes.
/// </remarks>
public sealed class PbtSampler : IPlanningSampler, IPopulationSampler, IFiniteSampler
{
    public const string MemberAttribute = "pbt.member";
    public const string ParentAttribute = "pbt.parent";
    public const string ActionAttribute = "pbt.action";
    private const int DonorStream = 1;
    private const int ExploreStream = 2;
    private readonly PbtSchedulerOptions _options;

    public PbtSampler(PbtSchedulerOptions options)
    {
        _options = options;
    }

    public int PopulationSize => _options.PopulationSize;

    /// <summary>Every member's trials: population size times generations.</summary>
    public int Size => _options.PopulationSize * _options.Generations;

    public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count) => [.. Plan(study, count).Select(p => p.Params)];

    public IReadOnlyList<TrialPlan> Plan(StudyView study, int count)
    {
        var size = _options.PopulationSize;
        var result = new List<TrialPlan>(count);
        var byNumber = study.Trials.ToDictionary(t => t.Number);
        for (var number = study.NextTrialNumber; result.Count < count && number < Size; number++)
        {
            var (generation, member) = (number / size, number % size);
            if (generation == 0)
            {
                result.Add(Start(study.Space, number));
                continue;
            }

            var previous = Enumerable.Range((generation - 1) * size, size).Select(byNumber.GetValueOrDefault).ToList();
            if (previous.Any(t => t is null || !t.IsFinished))
            {
                break; // the generation barrier: plan nothing until the last generation is complete
            }

            result.Add(Next(study, previous!, number, generation, member));
        }

        return result;
    }

    private TrialPlan Start(SearchSpace space, int number)
    {
        var random = TrialRandom.For(_options.Seed, number);
        return new TrialPlan(space.Build((p, _) => PbtExplorer.Sample(p, random)))
        {
            Budget = _options.BudgetAfter(0),
            Attributes = Lineage(0, number, null, "start"),
        };
    }

    private TrialPlan Next(StudyView study, List<Trial> previous, int number, int generation, int member)
    {
        var ranked = previous.OrderBy(t => Rank(study, t).Tier).ThenBy(t => Rank(study, t).Loss).ThenBy(t => t.Number).ToList();
        var quantile = QuantileCount(previous.Count);
        var own = previous[member];
        var exploits = ranked.IndexOf(own) >= ranked.Count - quantile || Rank(study, own).Tier == 2;
        var top = ranked.Take(quantile).Where(t => Rank(study, t).Tier < 2).ToList();
        if (!exploits || top.Count == 0 || top.Contains(own))
        {
            return new TrialPlan(own.Params)
            {
                Budget = _options.BudgetAfter(generation),
                ResumeFrom = own.Checkpoint,
                Attributes = Lineage(generation, member, own, "continue"),
            };
        }

        var donor = top[TrialRandom.For(_options.Seed, number, DonorStream).Next(top.Count)];
        var config = PbtExplorer.Explore(study.Space, donor.Params, _options.ResampleProbability, TrialRandom.For(_options.Seed, number, ExploreStream));
        return new TrialPlan(config)
        {
            Budget = _options.BudgetAfter(generation),
            ResumeFrom = donor.Checkpoint,
            Attributes = Lineage(generation, member, donor, "exploit"),
        };
    }

    /// <summary>Ray's quantile: ceil(n * fraction) members, at most half the population.</summary>
    private int QuantileCount(int n)
    {
        var k = (int)Math.Ceiling(n * _options.QuantileFraction);
        return k > n / 2.0 ? n / 2 : k;
    }

    private Dictionary<string, string> Lineage(int generation, int number, Trial? parent, string action) => new()
    {
        [TrialAttributeKeys.Generation] = generation.ToString(CultureInfo.InvariantCulture),
        [MemberAttribute] = (number % _options.PopulationSize).ToString(CultureInfo.InvariantCulture),
        [ParentAttribute] = parent?.Number.ToString(CultureInfo.InvariantCulture) ?? "",
        [ActionAttribute] = action,
    };

    /// <summary>Tier 0 completed, 1 pruned (by its last report), 2 failed; the loss is smaller-is-better.</summary>
    private static (int Tier, double Loss) Rank(StudyView study, Trial t) => t.State switch
    {
        TrialState.Completed when t.Value is { } v && !double.IsNaN(v) => (0, study.ToLoss(v)),
        TrialState.Pruned when (t.LastReport?.Value ?? t.Value) is { } v && !double.IsNaN(v) => (1, study.ToLoss(v)),
        _ => (2, double.PositiveInfinity),
    };
}
