namespace HyperBus.Cli.Running.LocalPython;

/// <summary>Where the Python SDK is (shipped beside the <c>hyperbus</c> command) and whether its workers log at INFO.</summary>
public sealed record LocalPythonSettings(string SdkFolder, bool Verbose)
{
    public static string DefaultSdkFolder => Path.Combine(AppContext.BaseDirectory, "python");
}
