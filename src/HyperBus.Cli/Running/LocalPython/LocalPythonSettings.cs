namespace HyperBus.Cli.Running.LocalPython;

/// <summary>
/// Where the Python SDK is (shipped beside the <c>hyperbus</c> command), whether its workers log at INFO, and
/// the workers <c>tune</c> launched before building the host (null: start each on first use).
/// </summary>
public sealed record LocalPythonSettings(string SdkFolder, bool Verbose, PrestartedWorkers? Prestarted = null)
{
    public static string DefaultSdkFolder => Path.Combine(AppContext.BaseDirectory, "python");
}
