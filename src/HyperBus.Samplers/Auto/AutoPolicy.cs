using HyperBus.Core.Space;

namespace HyperBus.Samplers.Auto;

/// <summary>Which sampler <see cref="AutoSampler"/> uses for a space after a number of completed trials.</summary>
/// <remarks>
/// The rules follow bench/RESULTS.md ("Samplers at the frontier"): a global GP wins on low-dimensional
/// spaces, numeric, mixed (ints and categoricals) and conditional alike; TPE takes spaces that are mostly
/// categorical, where a Hamming kernel has no order to exploit; past <see cref="AutoOptions.LowDimensions"/>
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

    public static string Choose(SearchSpace space, int completed, AutoOptions options)
    {
        var parameters = space.Parameters;
        var categorical = parameters.Count(p => p is CategoricalParameter or NumericParameter { Values: not null });
        if (categorical >= options.CategoricalShare * parameters.Count)
        {
            return Tpe;
        }

        if (parameters.Count <= options.LowDimensions)
        {
            return Gp;
        }

        // CMA-ES needs numeric parameters; a high-dimensional space with categorical ones stays on the GP.
        if (categorical > 0)
        {
            return TrustRegion;
        }

        return parameters.Count > options.TrustRegionDimensions || completed >= options.ModelTrials ? CmaEs : TrustRegion;
    }
}
