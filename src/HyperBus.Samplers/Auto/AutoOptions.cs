namespace HyperBus.Samplers.Auto;

/// <summary>Options of <see cref="AutoSampler"/>.</summary>
/// <param name="Seed">Seed of every sampler auto delegates to.</param>
/// <param name="LowDimensions">Up to this many parameters a space is low-dimensional: one global GP models it well.</param>
/// <param name="CategoricalShare">From this share of categorical parameters, TPE's per-parameter densities beat a GP's Hamming kernel.</param>
/// <param name="TrustRegionDimensions">Up to this many (numeric) parameters a high-dimensional study uses the trust-region GP, beyond it CMA-ES.</param>
/// <param name="ModelTrials">After this many completed trials a high-dimensional study moves from the trust-region GP to CMA-ES, whose cost per trial does not grow with the history.</param>
/// <param name="LocalTrials">
/// A low-dimensional study of continuous floats moves from the global GP to the trust-region GP around its best point
/// after max(LocalTrials, LocalTrialsPerDimension · d) completed trials; 0 never.
/// </param>
/// <param name="LocalTrialsPerDimension">Completed trials per parameter the global GP gets before that move.</param>
/// <param name="NoisyTpeEvery">While the GP's kernel fit finds noise, every n-th sequential trial of a continuous study's GP phase is TPE's; 0 never.</param>
public sealed record AutoOptions(
    int Seed = 0,
    int LowDimensions = 12,
    double CategoricalShare = 0.75,
    int TrustRegionDimensions = 32,
    int ModelTrials = 1000,
    int LocalTrials = 50,
    int LocalTrialsPerDimension = 15,
    int NoisyTpeEvery = 2);
