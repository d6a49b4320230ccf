namespace HyperBus.Core.Storage;

/// <summary>A stored study's state.</summary>
public enum StudyStatus
{
    Running,
    Completed,
    Cancelled,
    Failed,
}
