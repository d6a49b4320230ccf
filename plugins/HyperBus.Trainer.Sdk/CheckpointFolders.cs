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

    /// <summary>
    /// Why a checkpoint named by a message may not be read, or null when it lies inside the root. A message
    /// must never make a worker read files outside its configured folder (<c>..</c>, an absolute path
    /// elsewhere, a link out of the root).
    /// </summary>
    public static string? Refuse(string root, string checkpoint)
    {
        if (checkpoint.Split('/', '\\').Contains(".."))
        {
            return $"checkpoint: '{checkpoint}' must not contain '..'";
        }

        var rootPath = Path.TrimEndingDirectorySeparator(Resolve(Path.GetFullPath(root)));
        var path = Resolve(Path.GetFullPath(checkpoint, rootPath));
        return path.StartsWith(rootPath + Path.DirectorySeparatorChar, StringComparison.Ordinal)
            ? null
            : $"checkpoint: '{checkpoint}' is outside the checkpoint folder '{rootPath}'";
    }

    /// <summary>The full path with every link along it followed, so a link cannot lead out of the root.</summary>
    private static string Resolve(string fullPath)
    {
        var result = Path.GetPathRoot(fullPath)!;
        foreach (var part in fullPath[result.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries))
        {
            var next = Path.Combine(result, part);
            var info = new FileInfo(next);
            result = info.LinkTarget is null ? next : info.ResolveLinkTarget(returnFinalTarget: true)?.FullName ?? next;
        }

        return result;
    }
}
