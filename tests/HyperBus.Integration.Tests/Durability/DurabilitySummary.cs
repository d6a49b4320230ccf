using Xunit.Abstractions;

namespace HyperBus.Integration.Tests.Durability;

/// <summary>
/// One line per drill (fault point, recovery seconds) in the test output and in
/// <c>durability-summary.txt</c> beside the test assembly (this run's lines), where a quiet <c>dotnet test</c> keeps them too.
/// </summary>
public static class DurabilitySummary
{
    private static readonly object Gate = new();
    private static bool _started;

    public static string FilePath => Path.Combine(AppContext.BaseDirectory, "durability-summary.txt");

    public static void Record(ITestOutputHelper output, string line)
    {
        output.WriteLine(line);
        lock (Gate)
        {
            // The file holds this run's lines only: the first line of a test run starts it afresh.
            if (!_started)
            {
                File.WriteAllText(FilePath, string.Empty);
                _started = true;
            }

            File.AppendAllText(FilePath, line + Environment.NewLine);
        }
    }
}
