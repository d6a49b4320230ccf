namespace HyperBus.Orchestration.Verification;

/// <summary>
/// Checks what a trainer returned before the host records it: that its artifact lies where it may, and
/// (with <c>verify:</c> in the spec) what its model really scores.
/// </summary>
public interface ITrialVerifier
{
    /// <summary>
    /// The slow part that needs no study state (scoring the model), done before the study's lock is taken so one
    /// outcome's verification does not hold up the study's other messages. <see cref="VerifyAsync"/> uses what it
    /// found, or does the work itself when nothing was prepared (the study was not loaded yet, say).
    /// </summary>
    Task PrepareAsync(TrialToPrepare trial, CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>Decides the verdict under the study's lock, on the live view (whether the trial is the new best).</summary>
    Task<TrialVerdict> VerifyAsync(TrialToVerify trial, CancellationToken cancellationToken);
}
