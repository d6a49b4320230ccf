using HyperBus.Core.Sampling;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Pbt;

/// <summary>
/// Population-based training as a scheduler that brings its own sampler: the exploit/explore decisions
/// are taken between generations by <see cref="PbtSampler"/>, so a running trial is never interrupted.
/// </summary>
/// <remarks>
/// Ray Tune's PBT exploits inside a running trial; here each training interval is its own trial that
/// resumes from a checkpoint, which keeps every decision in the store (restart-safe, auditable lineage)
/// and works with any trainer that saves and loads checkpoints.
/// </remarks>
public sealed class PbtScheduler : ISamplerOwningScheduler
{
    public PbtScheduler(PbtSchedulerOptions options)
    {
        Options = options;
    }

    public PbtSchedulerOptions Options { get; }

    public SchedulerDecision OnReport(StudyView study, Trial trial, TrialReport report) => SchedulerDecision.Continue;

    public double? BudgetForNewTrial(StudyView study) => Options.BudgetAfter(study.NextTrialNumber / Options.PopulationSize);

    public ISampler CreateSampler(SearchSpace space) => new PbtSampler(Options);
}
