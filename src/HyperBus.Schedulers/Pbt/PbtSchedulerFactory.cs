using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Common;

namespace HyperBus.Schedulers.Pbt;

/// <summary>
/// Registers <c>scheduler: {type: pbt, populationSize, perturbationInterval, quantileFraction,
/// resampleProbability, seed}</c>. The study's fidelity is required: its max is every member's total
/// budget and its min the default perturbation interval.
/// </summary>
public sealed class PbtSchedulerFactory : ISchedulerFactory
{
    public string Type => "pbt";

    public bool BringsOwnSampler => true;

    public void ValidateOptions(SpecObjectReader options, SearchSpace? space) => Read(options, null);

    public IScheduler Create(ComponentSpec spec, FidelitySpec? fidelity, StudyDirection direction)
    {
        var errors = new List<SpecError>();
        if (fidelity is null)
        {
            errors.Add(new SpecError("fidelity", "is required by the pbt scheduler: it names the budget members train in (e.g. {name: epochs, min: 1, max: 20})"));
        }

        var options = Read(new SpecObjectReader(spec.Options, "scheduler", errors), fidelity);
        SpecException.ThrowIfAny(errors);
        return new PbtScheduler(options);
    }

    private static PbtSchedulerOptions Read(SpecObjectReader o, FidelitySpec? fidelity)
    {
        var d = new PbtSchedulerOptions();
        var interval = o.NumberAbove("perturbationInterval", 0);
        var quantile = o.NumberAbove("quantileFraction", 0);
        if (quantile > 0.5)
        {
            o.Error("quantileFraction", $"must be <= 0.5 (the bottom copies the top), not {quantile}");
        }

        var resample = o.NumberAbove("resampleProbability", 0, inclusive: true);
        if (resample > 1)
        {
            o.Error("resampleProbability", $"must be <= 1, not {resample}");
        }

        var options = new PbtSchedulerOptions(
            o.IntAtLeast("populationSize", 2) ?? d.PopulationSize,
            interval ?? fidelity?.Min ?? d.PerturbationInterval,
            fidelity?.Max ?? d.MaxBudget,
            quantile ?? d.QuantileFraction,
            resample ?? d.ResampleProbability,
            o.IntAtLeast("seed", int.MinValue) ?? d.Seed);
        if (fidelity is not null && options.PerturbationInterval > options.MaxBudget)
        {
            o.Error("perturbationInterval", $"must be <= the fidelity's max ({options.MaxBudget}), not {options.PerturbationInterval}");
        }

        return options;
    }
}
