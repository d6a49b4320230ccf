namespace HyperBus.Samplers.Tpe;

/// <summary>Options of <see cref="TpeSampler"/>; the defaults are Optuna's except <see cref="ConstantLiar"/>.</summary>
/// <param name="NStartupTrials">Finished trials drawn at random before the model takes over.</param>
/// <param name="NEiCandidates">Candidates drawn from l(x) per suggestion; the one with the best l/g wins.</param>
/// <param name="Multivariate">Model the parameters that are active together jointly instead of one by one.</param>
/// <param name="PriorWeight">Weight of the prior kernel (uniform over the range) in both densities.</param>
/// <param name="ConsiderEndpoints">Let the outermost kernels reach the bounds when choosing bandwidths.</param>
/// <param name="ConstantLiar">Count running trials as the worst ones, so parallel workers spread out. On by default (Optuna: off): in batches of 8 it cut the regret at 100 trials by 37-64 % against no liar (bench/RESULTS.md, "Batch suggestions"); it changes nothing for sequential studies.</param>
public sealed record TpeOptions(
    int Seed = 0,
    int NStartupTrials = 10,
    int NEiCandidates = 24,
    bool Multivariate = false,
    double PriorWeight = 1.0,
    bool ConsiderEndpoints = false,
    bool ConstantLiar = true)
{
    /// <summary>Optuna's default_gamma: how many of n trials form the good group, min(ceil(0.1 n), 25).</summary>
    public static int Gamma(int n) => Math.Min((int)Math.Ceiling(0.1 * n), 25);
}
