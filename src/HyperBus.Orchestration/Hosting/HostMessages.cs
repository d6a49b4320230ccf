using HyperBus.Contracts;
using HyperBus.Orchestration.Policies;

namespace HyperBus.Orchestration.Hosting;

/// <summary>The messages the optimizer host consumes, by the <c>MT-MessageType</c> names they arrive with.</summary>
public static class HostMessages
{
    public static readonly IReadOnlySet<string> Types = new HashSet<string>(
        new[] { typeof(SubmitStudy), typeof(CancelStudy), typeof(PauseStudy), typeof(ResumeStudy), typeof(TrialStarted), typeof(TrialReported), typeof(TrialCompleted), typeof(TrialFailed), typeof(AttemptDue), typeof(Policies.Hedging.HedgeDue) }
            .Select(Urn),
        StringComparer.Ordinal);

    public static string Urn(Type type) => $"urn:message:{type.Namespace}:{type.Name}";

    /// <summary>The study a host message is about, or null for anything else.</summary>
    public static Guid? StudyOf(object message) => message switch
    {
        SubmitStudy m => m.StudyId,
        CancelStudy m => m.StudyId,
        PauseStudy m => m.StudyId,
        ResumeStudy m => m.StudyId,
        TrialStarted m => m.StudyId,
        TrialReported m => m.StudyId,
        TrialCompleted m => m.StudyId,
        TrialFailed m => m.StudyId,
        AttemptDue m => m.StudyId,
        Policies.Hedging.HedgeDue m => m.StudyId,
        _ => null,
    };
}
