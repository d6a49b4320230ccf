namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Options of <see cref="GpSampler"/>.</summary>
/// <param name="NStartupTrials">Completed trials taken from a scrambled Sobol' sequence before the GP takes over.</param>
/// <param name="Restarts">Random restarts of the hyperparameter fit, besides the default start.</param>
/// <param name="Candidates">Sobol' points scored by the acquisition before local refinement.</param>
/// <param name="LocalSearches">How many of the best candidates are refined by L-BFGS-B.</param>
/// <param name="FitObservations">Trials used to fit the kernel hyperparameters (the best and the most recent).</param>
/// <param name="MaxObservations">Above this many trials the GP keeps the best half and the most recent half (exact GPs cost n³).</param>
/// <param name="Batch">How running trials and the earlier points of a batch are accounted for.</param>
public sealed record GpSamplerOptions(
    int Seed = 0,
    int NStartupTrials = 10,
    int Restarts = 1,
    int Candidates = 512,
    int LocalSearches = 3,
    int MaxObservations = 250,
    int FitObservations = 100,
    GpBatchAcquisition Batch = GpBatchAcquisition.ConfidenceBounds);
