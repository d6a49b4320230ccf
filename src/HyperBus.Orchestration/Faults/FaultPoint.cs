using System.Diagnostics;

namespace HyperBus.Orchestration.Faults;

/// <summary>
/// Named places in the host where a fault drill may kill it: with <c>HYPERBUS_KILL_AT=point</c> (and
/// <c>HYPERBUS_KILL_AFTER=n</c>, default 1) the process SIGKILLs itself the n-th time it gets there, so tests
/// can crash it exactly between a commit and the relay of what the commit stored. Unset, it costs one comparison.
/// </summary>
public static class FaultPoint
{
    public const string StudyAdmitted = "study-admitted";
    public const string OutcomeCommitted = "outcome-committed";
    public const string RequestRelayed = "request-relayed";
    public const string ReportCommitted = "report-committed";
    public const string RetryCommitted = "retry-committed";
    public const string GenerationCommitted = "generation-committed";
    public const string ExploitCommitted = "exploit-committed";
    public const string LastOutcomeCommitted = "last-outcome-committed";
    public const string LeaseAcquired = "lease-acquired";

    private static readonly string? Armed = Environment.GetEnvironmentVariable("HYPERBUS_KILL_AT");
    private static readonly int After = int.TryParse(Environment.GetEnvironmentVariable("HYPERBUS_KILL_AFTER"), out var n) && n > 0 ? n : 1;
    private static int _hits;

    public static void Reach(string? point)
    {
        if (Armed is null || point != Armed || Interlocked.Increment(ref _hits) < After)
        {
            return;
        }

        Console.Error.WriteLine($"fault point {point} reached: killing");
        Console.Error.Flush();
        Process.GetCurrentProcess().Kill();
        Thread.Sleep(Timeout.Infinite);
    }
}
