namespace HyperBus.Core.Trials;

/// <summary>Where a trial is in its life.</summary>
public enum TrialState
{
    /// <summary>Requested from a trainer, no outcome yet.</summary>
    Running,

    /// <summary>Finished with a value.</summary>
    Completed,

    /// <summary>Stopped early by the scheduler; its last reported value is kept.</summary>
    Pruned,

    /// <summary>Every attempt failed.</summary>
    Failed,
}
