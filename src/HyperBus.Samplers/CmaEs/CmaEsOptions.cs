namespace HyperBus.Samplers.CmaEs;

/// <summary>Options of <see cref="CmaEsSampler"/>.</summary>
/// <param name="Sigma0">Initial step size as a fraction of each (normalised) range; Optuna uses a sixth.</param>
/// <param name="PopulationSize">Trials per generation; null for 4 + floor(3 ln n).</param>
/// <param name="Restarts">Restart with a doubled population when the search converges or stalls (IPOP-CMA-ES).</param>
public sealed record CmaEsOptions(int Seed = 0, double Sigma0 = 1.0 / 6, int? PopulationSize = null, bool Restarts = true);
