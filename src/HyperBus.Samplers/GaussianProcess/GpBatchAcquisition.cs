namespace HyperBus.Samplers.GaussianProcess;

/// <summary>How <see cref="GpSampler"/> accounts for pending points: running trials and the earlier points of a batch.</summary>
public enum GpBatchAcquisition
{
    /// <summary>
    /// The first point of an ask by EI (averaged over fantasies when trials are running), the later points of a batch
    /// by lower confidence bounds on the GP told the pending points' posterior means (<see cref="BatchConfidenceBounds"/>).
    /// </summary>
    ConfidenceBounds,

    /// <summary>EI averaged over joint fantasies of the pending outcomes for every point (<see cref="FantasyExpectedImprovement"/>).</summary>
    Fantasies,

    /// <summary>Pending points enter the GP with the average loss as a made-up value (the earliest behaviour).</summary>
    ConstantLiar,
}
