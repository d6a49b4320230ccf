namespace HyperBus.Core.Storage;

/// <summary>A stored study's state.</summary>
public enum StudyStatus
{
    Running,
    Completed,
    Cancelled,
    Failed,

    /// <summary>Holds its trials in flight but starts no new ones until resumed.</summary>
    Paused,
}
