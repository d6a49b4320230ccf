using HyperBus.Core.Sampling;
using HyperBus.Orchestration.Faults;
using HyperBus.Orchestration.Metrics;

namespace HyperBus.Orchestration.Runtime;

/// <summary>
/// Keeps <c>parallelism</c> trials in flight: asks the enqueued list, then the sampler (within a population
/// sampler's generation barrier) for configurations, gives each its budget and queues its request. A hedged attempt in
/// flight takes a slot too, so <c>parallelism</c> bounds the workers a study keeps busy.
/// </summary>
public sealed class SlotFiller(TimeProvider time, HyperBusMetrics metrics, Policies.TrialPolicies policies)
{
    /// <summary>Creates the trials there is room for; returns how many.</summary>
    public int Fill(StudyRuntime study, StudyTransaction transaction)
    {
        var created = 0;
        while (!study.Exhausted)
        {
            var view = study.View();
            var wanted = Math.Min(study.Spec.Parallelism - study.Running - study.Hedges.InFlight.Count, study.Spec.Trials - study.Trials.Count);
            wanted = Math.Min(wanted, GenerationBarrier.Open(study.Sampler, view));
            if (wanted <= 0)
            {
                return created;
            }

            IReadOnlyList<TrialPlan> plans;
            var asked = time.GetTimestamp();
            using (var activity = HyperBusActivitySource.Source.StartActivity("sampler.suggest"))
            {
                activity?.SetTag("hyperbus.sampler", study.Spec.Sampler.Type);
                activity?.SetTag("hyperbus.count", wanted);
                plans = TrialPlanning.Plan(study.Sampler, view, wanted, study.Spec.Enqueue);
            }

            metrics.RecordSuggest(study.Spec.Sampler.Type, time.GetElapsedTime(asked));
            // A plain sampler that gives fewer is used up (a grid); a planning one may just have to wait.
            study.Exhausted = study.Sampler is IPlanningSampler ? plans.Count == 0 && study.Running == 0 : plans.Count < wanted;
            if (plans.Count == 0)
            {
                return created;
            }

            var number = view.NextTrialNumber;
            var now = time.GetUtcNow();
            foreach (var plan in plans)
            {
                var trial = TrialPlanning.NewTrial(plan, Guid.CreateVersion7(now), number++, plan.Budget ?? study.Scheduler.BudgetForNewTrial(study.View()));
                transaction.Write(w => w.CreateTrial(study.StudyId, trial));
                study.Add(trial);
                TrialDispatch.Request(transaction, policies, study, trial, now);
                created++;
                MarkFaultPoint(study, transaction, plan, trial.Number);
            }
        }

        return created;
    }

    private static void MarkFaultPoint(StudyRuntime study, StudyTransaction transaction, TrialPlan plan, int number)
    {
        if (plan.ResumeFrom is not null)
        {
            transaction.FaultPoint = FaultPoint.ExploitCommitted;
        }
        else if (study.Sampler is IPopulationSampler population && number > 0 && number % Math.Max(1, population.PopulationSize) == 0)
        {
            transaction.FaultPoint = FaultPoint.GenerationCommitted;
        }
    }
}
