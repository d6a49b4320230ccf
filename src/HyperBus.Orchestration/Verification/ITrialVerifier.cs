namespace HyperBus.Orchestration.Verification;

/// <summary>
/// Checks what a trainer returned before the host records it: that its artifact lies where it may, and
/// (with <c>verify:</c> in the spec) what its model really scores. Runs under the study's lock.
/// </summary>
public interface ITrialVerifier
{
    Task<TrialVerdict> VerifyAsync(TrialToVerify trial, CancellationToken cancellationToken);
}
