using System.Diagnostics;
using HyperBus.Orchestration.Metrics;
using HyperBus.Orchestration.Verification;

namespace HyperBus.Telemetry;

/// <summary>The trial verifier with each verification traced (<c>verify.prepare</c> outside the study's lock, <c>verify.trial</c> under it) and timed.</summary>
public sealed class TimedTrialVerifier : ITrialVerifier
{
    private readonly ITrialVerifier _inner;
    private readonly HyperBusMetrics _metrics;
    private readonly TimeProvider _time;

    public TimedTrialVerifier(ITrialVerifier inner, HyperBusMetrics metrics, TimeProvider time)
    {
        _inner = inner;
        _metrics = metrics;
        _time = time;
    }

    public async Task PrepareAsync(TrialToPrepare trial, CancellationToken cancellationToken)
    {
        using var activity = HyperBusActivitySource.Source.StartActivity("verify.prepare");
        activity?.SetTag("hyperbus.study_id", trial.StudyId);
        activity?.SetTag("hyperbus.trial_id", trial.TrialId);
        var started = _time.GetTimestamp();
        try
        {
            await _inner.PrepareAsync(trial, cancellationToken);
        }
        finally
        {
            _metrics.RecordVerification(_time.GetElapsedTime(started));
        }
    }

    public async Task<TrialVerdict> VerifyAsync(TrialToVerify trial, CancellationToken cancellationToken)
    {
        using var activity = HyperBusActivitySource.Source.StartActivity("verify.trial");
        activity?.SetTag("hyperbus.study_id", trial.StudyId);
        activity?.SetTag("hyperbus.trial_number", trial.Trial.Number);
        var started = _time.GetTimestamp();
        try
        {
            return await _inner.VerifyAsync(trial, cancellationToken);
        }
        catch (Exception e)
        {
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
        finally
        {
            _metrics.RecordVerification(_time.GetElapsedTime(started));
        }
    }
}
