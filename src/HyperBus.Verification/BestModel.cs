namespace HyperBus.Verification;

/// <summary>Keeps a copy of the study's best model at <c>ARTIFACTS/STUDY-ID/best</c>, replaced whenever a better trial completes.</summary>
public static class BestModel
{
    public const string FolderName = "best";

    public static string PathFor(string artifactsRoot, Guid studyId) => Path.Combine(artifactsRoot, studyId.ToString(), FolderName);

    /// <summary>Copies the artifact (a file or a folder of files) and returns where the copy is.</summary>
    public static string Keep(string artifactsRoot, Guid studyId, string artifact)
    {
        var target = PathFor(artifactsRoot, studyId);
        var staging = target + ".next";
        if (Directory.Exists(staging))
        {
            Directory.Delete(staging, recursive: true);
        }

        Directory.CreateDirectory(staging);
        if (Directory.Exists(artifact))
        {
            CopyFolder(artifact, staging);
        }
        else
        {
            File.Copy(artifact, Path.Combine(staging, Path.GetFileName(artifact)));
        }

        // Build the new copy aside and swap it in, so a reader never sees half a model.
        if (Directory.Exists(target))
        {
            Directory.Delete(target, recursive: true);
        }

        Directory.Move(staging, target);
        return Directory.Exists(artifact) ? target : Path.Combine(target, Path.GetFileName(artifact));
    }

    private static void CopyFolder(string source, string target)
    {
        foreach (var file in new DirectoryInfo(source).EnumerateFiles())
        {
            // Links could point anywhere; the artifact's own files are enough.
            if (file.LinkTarget is null)
            {
                file.CopyTo(Path.Combine(target, file.Name));
            }
        }

        foreach (var folder in new DirectoryInfo(source).EnumerateDirectories().Where(d => d.LinkTarget is null))
        {
            var sub = Directory.CreateDirectory(Path.Combine(target, folder.Name));
            CopyFolder(folder.FullName, sub.FullName);
        }
    }
}
