namespace HyperBus.Integration.Tests.Support;

/// <summary>Paths in the repository and the built command.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    public static string HyperbusDll => Path.Combine(AppContext.BaseDirectory, "hyperbus.dll");

    public static string Python => "/usr/bin/python3";

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HyperBus.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("HyperBus.sln not found");
    }
}
