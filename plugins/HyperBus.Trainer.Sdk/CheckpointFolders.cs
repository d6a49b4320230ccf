namespace HyperBus.Trainer.Sdk;

/// <summary>
/// Where trainers save checkpoints: one folder per trial under a root that defaults to
/// <c>$HYPERBUS_CHECKPOINTS</c>, else a folder in the temp directory. Point the root at a shared path
/// (NFS, a mounted bucket) when workers on several machines must resume each other's checkpoints (PBT).
/// </summary>
public static class CheckpointFolders
{
    public const string EnvironmentVariable = "HYPERBUS_CHECKPOINTS";

    public static string DefaultRoot() =>
        Environment.GetEnvironmentVariable(EnvironmentVariable) is { Length: > 0 } configured
            ? configured
            : Path.Combine(Path.GetTempPath(), "hyperbus-checkpoints");

    /// <summary>The folder of one trial: <c>root/study id/trial id</c>, created if missing.</summary>
    public static string ForTrial(string root, Guid studyId, Guid trialId)
    {
        var folder = Path.Combine(Path.GetFullPath(root), studyId.ToString("N"), trialId.ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
