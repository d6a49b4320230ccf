namespace HyperBus.Samplers.TrustRegion;

/// <summary>Options of <see cref="TrustRegionSampler"/> (TuRBO-1: Eriksson et al., "Scalable global optimization via local Bayesian optimization", 2019).</summary>
/// <param name="NStartupTrials">Space-filling trials that open each run (the first from a scrambled Sobol' sequence, restarts uniform); 0 means min(max(10, d), 30).</param>
/// <param name="InitialLength">Side of the trust region at the start of a run, on the unit cube (before the lengthscale shaping).</param>
/// <param name="MinLength">A run restarts when the region shrinks below this.</param>
/// <param name="MaxLength">The region never grows beyond this.</param>
/// <param name="SuccessTolerance">Improvements in a row that double the region.</param>
/// <param name="FailureTolerance">Trials in a row without improvement that halve it; 0 means clamp(d / 2, 4, 10).</param>
/// <param name="Candidates">Points of the region scored by the acquisition per suggestion.</param>
/// <param name="MaxObservations">Trials of the run the local GP is conditioned on (the best half and the most recent half beyond it).</param>
/// <param name="FitObservations">Trials the kernel hyperparameters are fitted on.</param>
/// <param name="FreshRestarts">When the region collapses, start a new run from a new design (TuRBO's rule) instead of reopening the region around the best point.</param>
/// <param name="PosteriorCenter">
/// When the kernel fit finds noise, centre the region on the observed point of lowest posterior mean and improve on
/// that mean (the GP's plug-in rule) instead of on the lowest observation, which under noise is mostly a lucky draw.
/// </param>
public sealed record TrustRegionOptions(
    int Seed = 0,
    int NStartupTrials = 0,
    double InitialLength = 0.8,
    double MinLength = 0.0078125,
    double MaxLength = 1.6,
    int SuccessTolerance = 3,
    int FailureTolerance = 0,
    int Candidates = 1000,
    int MaxObservations = 200,
    int FitObservations = 100,
    bool FreshRestarts = false,
    bool PosteriorCenter = false);
