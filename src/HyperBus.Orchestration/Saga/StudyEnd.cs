namespace HyperBus.Orchestration.Saga;

/// <summary>What the activities decided the study becomes after the message they handled.</summary>
public enum StudyEnd
{
    /// <summary>It stays in its state.</summary>
    None,

    /// <summary>Every trial is done and at least one completed or was pruned.</summary>
    Completed,

    /// <summary>No trial could complete, or the study could not go on (its sampler failed).</summary>
    Failed,

    /// <summary>The submitted spec was rejected; nothing is stored.</summary>
    Rejected,

    /// <summary>It was admitted or resumed and runs.</summary>
    Running,

    /// <summary>Its trainer pool is failing: no new trials until the pool's probe succeeds or someone resumes it.</summary>
    Paused,
}
