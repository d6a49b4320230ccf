using System.Globalization;
using System.Text.Json;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Verification;
using Microsoft.Extensions.Logging;

namespace HyperBus.Verification;

/// <summary>
/// Accepts an artifact only inside the study's artifact folder; with <c>verify:</c> scores the trial's ONNX
/// model on the holdout, records the verified accuracy as the trial's value (the reported one as a metric
/// and attribute) and flags a difference beyond the tolerance; keeps a copy of the best trial's model. The scoring is
/// prepared before the study's lock is taken (<see cref="PrepareAsync"/>); the verdict and best-model promotion are
/// decided under it, on the live view.
/// </summary>
public sealed class OnnxTrialVerifier : ITrialVerifier
{
    public const string ReportedKey = "verify.reported";
    public const string VerifiedKey = "verify.verified";
    public const string FlaggedKey = "verify.flagged";
    public const string RowsKey = "verify.rows";
    public const string BestModelKey = "artifact.best";

    private readonly IStudyStore _store;
    private readonly HoldoutScorer _scorer;
    private readonly ILogger<OnnxTrialVerifier> _logger;

    public OnnxTrialVerifier(IStudyStore store, HoldoutScorer scorer, ILogger<OnnxTrialVerifier> logger)
    {
        _store = store;
        _scorer = scorer;
        _logger = logger;
    }

    /// <summary>Scores prepared outside the study's lock, waiting for their verdicts.</summary>
    public PreparedScores Prepared { get; } = new();

    /// <summary>Scores the attempt's model ahead of its verdict; a model that cannot be scored is left for the verdict to reject.</summary>
    public Task PrepareAsync(TrialToPrepare t, CancellationToken cancellationToken)
    {
        if (t.Pruned || t.Artifact is null || t.Spec.Artifacts is null || t.Spec.Verify is not { } verify || Dataset(t.Spec) is not { } dataset)
        {
            return Task.CompletedTask;
        }

        try
        {
            var model = OnnxArtifact.ModelFile(ArtifactPaths.Resolve(t.Spec.Artifacts, t.Artifact));
            Prepared.Add(t.TrialId, t.Attempt, model, dataset, verify, _scorer.Score(model, dataset, verify));
        }
        catch (Exception e) when (e is ArtifactRejectedException or IOException)
        {
            // The verdict meets the same problem and rejects the attempt with it.
        }

        return Task.CompletedTask;
    }

    public async Task<TrialVerdict> VerifyAsync(TrialToVerify t, CancellationToken cancellationToken)
    {
        var (spec, outcome) = (t.Spec, t.Outcome);
        var completed = outcome.State == TrialState.Completed;
        if (outcome.Artifact is null || spec.Artifacts is null)
        {
            return spec.Verify is not null && completed
                ? Reject(t, "artifact: verify needs the trial's ONNX model, but the trainer returned no artifact", retryable: false)
                : new TrialVerdict(outcome, t.Trial.Attributes);
        }

        var added = new Dictionary<string, string>(StringComparer.Ordinal);
        try
        {
            var artifact = ArtifactPaths.Resolve(spec.Artifacts, outcome.Artifact);
            if (spec.Verify is { } verify && completed)
            {
                if (Dataset(spec) is not { } dataset)
                {
                    return Reject(t, "fixed.dataset: verify needs the name of the dataset the trainer used", retryable: false);
                }

                var model = OnnxArtifact.ModelFile(artifact);
                var (verified, rows) = Prepared.Take(t.Trial.Id, t.Trial.Attempt, model, dataset, verify) ?? _scorer.Score(model, dataset, verify);
                var reported = outcome.Value ?? double.NaN;
                var flagged = !(Math.Abs(reported - verified) <= verify.Tolerance);
                if (flagged)
                {
                    _logger.LogWarning("Trial {Number} of {Study} flagged: it reported {Reported} but its model scores {Verified} on {Rows} held-out rows",
                        t.Trial.Number, spec.Name, reported, verified, rows);
                }

                var metrics = new Dictionary<string, double>(outcome.Metrics ?? new Dictionary<string, double>(), StringComparer.Ordinal)
                {
                    ["reported"] = reported,
                    ["verified"] = verified,
                };
                outcome = outcome with { Value = verified, Metrics = metrics };
                added[ReportedKey] = Format(reported);
                added[VerifiedKey] = Format(verified);
                added[FlaggedKey] = flagged ? "true" : "false";
                added[RowsKey] = rows.ToString(CultureInfo.InvariantCulture);
            }

            if (completed && outcome.Value is { } value && IsNewBest(t.View, value))
            {
                added[BestModelKey] = BestModel.Keep(spec.Artifacts, t.StudyId, artifact);
            }
        }
        catch (ArtifactRejectedException e)
        {
            return Reject(t, e.Message, e.Retryable);
        }
        catch (IOException e)
        {
            return Reject(t, $"artifact: '{outcome.Artifact}' could not be read: {e.Message}", retryable: true);
        }

        foreach (var (key, text) in added)
        {
            await _store.SetTrialAttributeAsync(t.Trial.Id, key, text, cancellationToken);
        }

        var attributes = new Dictionary<string, string>(t.Trial.Attributes, StringComparer.Ordinal);
        foreach (var (key, text) in added)
        {
            attributes[key] = text;
        }

        return new TrialVerdict(outcome, attributes);
    }

    private static string? Dataset(Core.Specs.StudySpec spec) =>
        spec.Fixed.TryGetValue("dataset", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;

    private static bool IsNewBest(StudyView view, double value) => view.Best?.Value is not { } best ||
        (view.Direction == StudyDirection.Maximize ? value > best : value < best);

    private TrialVerdict Reject(TrialToVerify t, string error, bool retryable)
    {
        _logger.LogWarning("Trial {Number} of {Study}: {Error}", t.Trial.Number, t.Spec.Name, error);
        return new TrialVerdict(t.Outcome, t.Trial.Attributes) { Error = error, Retryable = retryable };
    }

    private static string Format(double value) => value.ToString("R", CultureInfo.InvariantCulture);
}
