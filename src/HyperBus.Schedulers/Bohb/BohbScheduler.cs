using HyperBus.Core.Sampling;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Hyperband;

namespace HyperBus.Schedulers.Bohb;

/// <summary>
/// BOHB (Falkner et al. 2018): Hyperband's brackets decide which trials stop, and a TPE-style model per
/// budget (<see cref="BohbSampler"/>) proposes the configurations, so the scheduler brings its own sampler.
/// </summary>
public sealed class BohbScheduler : ISamplerOwningScheduler
{
    private readonly HyperbandScheduler _hyperband;

    public BohbScheduler(BohbSchedulerOptions options)
    {
        Options = options;
        _hyperband = new HyperbandScheduler(
            new HyperbandSchedulerOptions(options.MinResource, options.MaxResource, options.ReductionFactor, options.Seed));
    }

    public BohbSchedulerOptions Options { get; }

    // Stopping is Hyperband's (Optuna's asynchronous brackets): a trial cannot be paused here, so the
    // synchronous rungs of HpBandSter become promotions by pruning, as in Ray's and Optuna's BOHB.
    public SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report)
    {
        // A trial that has spent its whole budget has nothing left to save: it completes (HpBandSter
        // evaluates the last rung, it does not stop it), so the model sees it as a full-budget result.
        if (_hyperband.Plan(study) is { BracketCount: > 0 } plan && report.Step >= plan.Brackets[^1].Resource * (1 - 1e-9))
        {
            return SchedulerDecision.Continue;
        }

        return _hyperband.OnReport(study, trial, report);
    }

    public double? BudgetForNewTrial(StudyView study) => _hyperband.BudgetForNewTrial(study);

    public ISampler CreateSampler(SearchSpace space) => new BohbSampler(Options);
}
