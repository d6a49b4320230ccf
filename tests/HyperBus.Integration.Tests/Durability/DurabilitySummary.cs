using Xunit.Abstractions;

namespace HyperBus.Integration.Tests.Durability;

/// <summary>
/// One line per drill (fault point, recovery seconds) in the test output and in
/// <c>durability-summary.txt</c> beside the test assembly, where it survives a quiet <c>dotnet test</c>.
/// </summary>
public static class DurabilitySummary
{
    private static readonly object Gate = new();

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "durability-summary.txt");

    public static void Record(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        lock (Gate)
        {
            File.AppendAllText(FilePath, line + Environment.NewLine);
        }
    }
}
