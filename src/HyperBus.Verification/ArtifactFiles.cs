namespace HyperBus.Verification;

/// <summary>
/// The files of an artifact must be regular files of a bounded size: a FIFO in the artifact folder would block the
/// host's reader until a peer writes to it (and then be promoted as the model), a device or a huge file would
/// never finish copying.
/// </summary>
public static class ArtifactFiles
{
    /// <summary>The largest artifact file the host reads or copies.</summary>
    public const long MaxBytes = 1L << 30;

    /// <summary>The most files an artifact folder may hold.</summary>
    public const int MaxFiles = 10_000;

    /// <summary>Throws <see cref="ArtifactRejectedException"/> unless every file of the artifact (a file or a folder) is safe to read.</summary>
    public static void EnsureReadable(string artifact, string shown)
    {
        if (!Directory.Exists(artifact))
        {
            Check(new FileInfo(artifact), shown);
            return;
        }

        var files = 0;
        foreach (var file in new DirectoryInfo(artifact).EnumerateFiles("*", new EnumerationOptions { RecurseSubdirectories = true, AttributesToSkip = FileAttributes.ReparsePoint }))
        {
            if (++files > MaxFiles)
            {
                throw new ArtifactRejectedException($"artifact: the folder '{shown}' holds more than {MaxFiles} files");
            }

            Check(file, Path.Combine(shown, Path.GetRelativePath(artifact, file.FullName)));
        }
    }

    private static void Check(FileInfo file, string shown)
    {
        // stat reports size 0 for FIFOs, sockets and devices, and .NET exposes no file type: an empty model is
        // no model either, so size 0 is refused whatever the reason.
        if (file.Length == 0)
        {
            throw new ArtifactRejectedException($"artifact: '{shown}' is empty or not a regular file (a FIFO, socket or device)");
        }

        if (file.Length > MaxBytes)
        {
            throw new ArtifactRejectedException($"artifact: '{shown}' is {file.Length} bytes, over the {MaxBytes}-byte limit");
        }
    }
}
