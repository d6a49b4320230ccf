namespace HyperBus.Samplers.GaussianProcess;

/// <summary>How <see cref="GpSampler"/> accounts for pending points: running trials and the earlier points of a batch.</summary>
public enum GpBatchAcquisition
{
    /// <summary>EI averaged over joint fantasies of the pending outcomes (<see cref="FantasyExpectedImprovement"/>).</summary>
    Fantasies,

    /// <summary>Pending points enter the GP with the average loss as a made-up value (the earlier behaviour).</summary>
    ConstantLiar,
}
