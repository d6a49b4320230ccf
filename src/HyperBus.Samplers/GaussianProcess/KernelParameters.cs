namespace HyperBus.Samplers.GaussianProcess;

/// <summary>Hyperparameters of the Matérn 5/2 ARD kernel plus observation noise.</summary>
/// <param name="InverseSquaredLengthscales">One per input dimension: large means the objective varies fast along it.</param>
/// <param name="Scale">Signal variance (outputs are standardised, so about 1).</param>
/// <param name="Noise">Noise variance added to the diagonal.</param>
internal sealed record KernelParameters(double[] InverseSquaredLengthscales, double Scale, double Noise);
