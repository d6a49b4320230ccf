namespace HyperBus.Orchestration.Runtime;

/// <summary>Why a message about a study changed nothing; the store counts each (see <c>status --json</c>).</summary>
public static class DropReasons
{
    public const string UnknownTrial = "unknown-trial";
    public const string TrialFinished = "trial-finished";
    public const string StaleAttempt = "stale-attempt";
    public const string StudyFinished = "study-finished";
    public const string DuplicateSubmit = "duplicate-submit";
}
