namespace HyperBus.Schedulers.Pbt;

/// <summary>Options of <see cref="PbtScheduler"/>; the fractions are Ray Tune's PopulationBasedTraining defaults.</summary>
/// <param name="PopulationSize">Members trained side by side; one trial per member per interval.</param>
/// <param name="PerturbationInterval">Budget (fidelity units) a member trains between two exploit/explore steps.</param>
/// <param name="MaxBudget">Total budget of every member (the fidelity's max): the last generation trains up to it.</param>
/// <param name="QuantileFraction">The bottom this fraction of members copies one of the top this fraction.</param>
/// <param name="ResampleProbability">Chance that explore redraws a parameter instead of perturbing it.</param>
/// <param name="Seed">Initial configurations, donors and perturbations come from (seed, trial number).</param>
public sealed record PbtSchedulerOptions(
    int PopulationSize = 8,
    double PerturbationInterval = 1,
    double MaxBudget = 10,
    double QuantileFraction = 0.25,
    double ResampleProbability = 0.25,
    int Seed = 0)
{
    /// <summary>Ray Tune's multipliers for a perturbed number.</summary>
    public static IReadOnlyList<double> PerturbationFactors { get; } = [0.8, 1.2];

    /// <summary>Generations needed for every member to reach <see cref="MaxBudget"/>.</summary>
    public int Generations => (int)Math.Ceiling((MaxBudget / PerturbationInterval) - 1e-9);

    /// <summary>What a member has trained in total once its trial of <paramref name="generation"/> ends.</summary>
    public double BudgetAfter(int generation) => Math.Min((generation + 1) * PerturbationInterval, MaxBudget);
}
