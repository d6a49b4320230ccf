using HyperBus.Core.Space;

namespace HyperBus.Samplers.Auto;

/// <summary>Which sampler <see cref="AutoSampler"/> uses for a space after a number of completed trials.</summary>
/// <remarks>
/// The rules follow bench/RESULTS.md ("Samplers at the frontier"): a global GP wins on low-dimensional
/// spaces, numeric, mixed (ints and categoricals) and conditional alike; TPE takes spaces that are mostly
/// categorical, where a Hamming kernel has no order to exploit; a continuous low-dimensional study moves from the
/// global GP to the trust region around its best point once the GP has seen the space (<see cref="RefinesLocally"/>):
/// the GP finds the basin, the shrinking region converges in it (sequential studies only); past <see cref="AutoOptions.LowDimensions"/>
/// a global GP explores corners and a trust-region GP wins up to <see cref="AutoOptions.TrustRegionDimensions"/>;
/// beyond that (10 trials per dimension at 500 trials in 50-D) CMA-ES was the more reliable of the two, and it
/// takes over long runs too, where a GP's cost per suggestion matters more than its sample efficiency.
/// </remarks>
public static class AutoPolicy
{
    public const string Gp = "gp";
    public const string Tpe = "tpe";
    public const string TrustRegion = "turbo";
    public const string CmaEs = "cmaes";

    /// <param name="inFlight">Trials running once this ask is answered (running ones plus those asked for): 1 is a sequential study.</param>
    public static string Choose(SearchSpace space, int completed, AutoOptions options, int inFlight = 1)
    {
        var parameters = space.Parameters;
        var categorical = parameters.Count(p => p is CategoricalParameter or NumericParameter { Values: not null });
        if (categorical >= options.CategoricalShare * parameters.Count)
        {
            return Tpe;
        }

        if (parameters.Count <= options.LowDimensions)
        {
            return inFlight == 1 && RefinesLocally(space, completed, options) ? TrustRegion : Gp;
        }

        // CMA-ES needs numeric parameters; a high-dimensional space with categorical ones stays on the GP.
        if (categorical > 0)
        {
            return TrustRegion;
        }

        return parameters.Count > options.TrustRegionDimensions || completed >= options.ModelTrials ? CmaEs : TrustRegion;
    }

    /// <summary>
    /// Whether a low-dimensional study has had enough trials of the global GP to move to the trust region around its
    /// best point: only continuous, unconditional floats (on ints a shrinking box stops at a plateau, and a GP over
    /// conditional branches keeps finding new ones), after max(LocalTrials, LocalTrialsPerDimension · d) trials.
    /// Only one trial at a time: the region's refinement is sequential, and batches of 8 from it lost 34-209 % against
    /// it where the global GP's batches lose nothing (bench/RESULTS.md), so parallel asks stay on the GP.
    /// </summary>
    private static bool RefinesLocally(SearchSpace space, int completed, AutoOptions options) =>
        options.LocalTrials > 0 &&
        completed >= Math.Max(options.LocalTrials, options.LocalTrialsPerDimension * space.Parameters.Count) &&
        IsContinuous(space);

    /// <summary>
    /// Whether trial <paramref name="trialNumber"/> of a continuous study that <see cref="Choose"/> gives to the GP goes to
    /// TPE instead if the GP's fit finds noise: every <see cref="AutoOptions.NoisyTpeEvery"/>-th, sequential asks only.
    /// </summary>
    public static bool MayInterleaveTpe(SearchSpace space, int trialNumber, AutoOptions options, int inFlight = 1) =>
        options.NoisyTpeEvery > 0 && inFlight == 1 && trialNumber % options.NoisyTpeEvery == 1 % options.NoisyTpeEvery && IsContinuous(space);

    /// <summary>Whether every parameter is an unconditional float with no step or listed values.</summary>
    public static bool IsContinuous(SearchSpace space) =>
        !space.IsConditional && space.Parameters.All(p => p is FloatParameter { Values: null, Step: null });
}
