namespace HyperBus.Verification;

/// <summary>Keeps artifacts inside the study's artifact folder: a trainer must not make the host read or copy files elsewhere.</summary>
public static class ArtifactPaths
{
    /// <summary>
    /// The artifact's real path (links followed) when it lies inside <paramref name="root"/>; otherwise throws
    /// <see cref="ArtifactRejectedException"/> naming the problem.
    /// </summary>
    public static string Resolve(string root, string artifact)
    {
        if (string.IsNullOrWhiteSpace(artifact))
        {
            throw new ArtifactRejectedException("artifact: is empty");
        }

        if (artifact.Contains('\0', StringComparison.Ordinal))
        {
            throw new ArtifactRejectedException("artifact: contains a NUL character");
        }

        if (Uri.TryCreate(artifact, UriKind.Absolute, out var uri) && !uri.IsFile)
        {
            throw new ArtifactRejectedException($"artifact: '{artifact}' is a {uri.Scheme} URI; this host reads artifacts from the folder '{root}' only");
        }

        var path = uri is { IsFile: true } ? uri.LocalPath : artifact;
        if (!Path.IsPathFullyQualified(path))
        {
            throw new ArtifactRejectedException($"artifact: '{artifact}' is not an absolute path inside the artifact folder '{root}'");
        }

        // Compare real paths, so neither '..' nor a link inside the folder can point out of it.
        var realRoot = RealPath(Path.GetFullPath(root));
        var real = RealPath(Path.GetFullPath(path));
        if (!IsInside(realRoot, real))
        {
            throw new ArtifactRejectedException($"artifact: '{artifact}' is outside the artifact folder '{root}'");
        }

        if (!File.Exists(real) && !Directory.Exists(real))
        {
            throw new ArtifactRejectedException($"artifact: '{artifact}' does not exist");
        }

        ArtifactFiles.EnsureReadable(real, artifact);
        return real;
    }

    public static bool IsInside(string root, string path)
    {
        var prefix = Path.TrimEndingDirectorySeparator(root) + Path.DirectorySeparatorChar;
        return path.StartsWith(prefix, StringComparison.Ordinal);
    }

    /// <summary>The path with every link along it replaced by its final target.</summary>
    public static string RealPath(string fullPath)
    {
        var root = Path.GetPathRoot(fullPath) ?? "/";
        var current = root;
        var parts = fullPath[root.Length..].Split(Path.DirectorySeparatorChar, StringSplitOptions.RemoveEmptyEntries);
        foreach (var part in parts)
        {
            current = Path.Combine(current, part);
            FileSystemInfo info = Directory.Exists(current) ? new DirectoryInfo(current) : new FileInfo(current);
            if (info.Exists && info.LinkTarget is not null && info.ResolveLinkTarget(returnFinalTarget: true) is { } target)
            {
                current = Path.GetFullPath(target.FullName);
            }
        }

        return current;
    }
}
