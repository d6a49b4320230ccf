namespace HyperBus.Orchestration.Runtime;

/// <summary>What became of a study after the conductor handled a message.</summary>
public enum StudyStep
{
    /// <summary>The study goes on.</summary>
    Running,

    /// <summary>The study ended now (completed, cancelled or failed).</summary>
    Ended,

    /// <summary>The message was not for a running study (unknown, finished, or rejected); nothing changed.</summary>
    Ignored,
}
