using HyperBus.Core.Space;
using HyperBus.Core.Specs;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Verification;
using HyperBus.Storage;
using Microsoft.Extensions.Logging.Abstractions;

namespace HyperBus.Verification.Tests;

/// <summary>The host's check of each outcome, on real PyTorch-made ONNX models and a real SQLite store.</summary>
[Collection(PythonModelsCollection.Name)]
public sealed class OnnxTrialVerifierTests : IDisposable
{
    private static readonly DateTimeOffset Now = new(2026, 1, 1, 0, 0, 0, TimeSpan.Zero);
    private readonly PythonModels _models;
    private readonly TempFolder _temp = new();
    private readonly SqliteStudyStore _store;
    private readonly OnnxTrialVerifier _verifier;
    private readonly Guid _studyId = Guid.NewGuid();
    private readonly List<Trial> _trials = [];

    public OnnxTrialVerifierTests(PythonModels models)
    {
        _models = models;
        _store = new SqliteStudyStore(Path.Combine(_temp.Path, "store.db"));
        _verifier = new OnnxTrialVerifier(_store, new HoldoutScorer(new VerificationOptions()), NullLogger<OnnxTrialVerifier>.Instance);
    }

    private string Root => ArtifactPaths.RealPath(_models.Folder);

    [Fact]
    public async Task An_honest_trial_gets_its_verified_score_as_value_and_keeps_the_reported_one()
    {
        var spec = await StudyAsync(tolerance: 0.05);
        var reported = _models.Accuracy("trained", "validation");

        var verdict = await VerifyAsync(spec, reported, _models.Trained);

        var verified = _models.Accuracy("trained", "holdout");
        Assert.Null(verdict.Error);
        Assert.Equal(verified, verdict.Outcome.Value!.Value, 12);
        Assert.Equal(reported, verdict.Outcome.Metrics!["reported"]);
        Assert.Equal(verified, verdict.Outcome.Metrics["verified"], 12);
        Assert.Equal(Math.Abs(reported - verified) > 0.05 ? "true" : "false", verdict.Attributes[OnnxTrialVerifier.FlaggedKey]);
        Assert.Equal("359", verdict.Attributes[OnnxTrialVerifier.RowsKey]);

        // The attributes are in the store, and the first completed trial's model is kept as the best.
        var stored = (await _store.LoadTrialsAsync(_studyId)).Single();
        Assert.Equal(verdict.Attributes[OnnxTrialVerifier.ReportedKey], stored.Attributes[OnnxTrialVerifier.ReportedKey]);
        var best = stored.Attributes[OnnxTrialVerifier.BestModelKey];
        Assert.Equal(BestModel.PathFor(Root, _studyId), best);
        Assert.Equal(File.ReadAllBytes(Path.Combine(_models.Trained, "model.onnx")), File.ReadAllBytes(Path.Combine(best, "model.onnx")));
    }

    [Fact]
    public async Task A_trial_that_reports_more_than_its_model_scores_is_flagged_and_does_not_become_best()
    {
        var spec = await StudyAsync(tolerance: 0.05);
        var honest = await VerifyAsync(spec, _models.Accuracy("trained", "validation"), _models.Trained);
        Finish(honest);

        var liar = await VerifyAsync(spec, 0.999, _models.Untrained);

        Assert.Null(liar.Error);
        Assert.Equal("true", liar.Attributes[OnnxTrialVerifier.FlaggedKey]);
        Assert.Equal(_models.Accuracy("untrained", "holdout"), liar.Outcome.Value!.Value, 12);
        Assert.Equal(0.999, liar.Outcome.Metrics!["reported"]);
        Assert.False(liar.Attributes.ContainsKey(OnnxTrialVerifier.BestModelKey));
        var kept = Path.Combine(BestModel.PathFor(Root, _studyId), "model.onnx");
        Assert.Equal(File.ReadAllBytes(Path.Combine(_models.Trained, "model.onnx")), File.ReadAllBytes(kept));
    }

    [Fact]
    public async Task An_artifact_outside_the_folder_fails_the_attempt_naming_the_problem()
    {
        var spec = await StudyAsync(tolerance: 0.05) with { Artifacts = Path.Combine(Root, "trained") };

        var verdict = await VerifyAsync(spec, 0.9, _models.Untrained);

        Assert.Equal($"artifact: '{_models.Untrained}' is outside the artifact folder '{spec.Artifacts}'", verdict.Error);
        Assert.False(verdict.Retryable);
    }

    [Fact]
    public async Task With_verify_a_completed_trial_without_a_model_fails()
    {
        var spec = await StudyAsync(tolerance: 0.05);
        var verdict = await VerifyAsync(spec, 0.9, artifact: null);
        Assert.Equal("artifact: verify needs the trial's ONNX model, but the trainer returned no artifact", verdict.Error);
    }

    [Fact]
    public async Task A_dataset_the_host_does_not_have_fails_the_attempt_by_field()
    {
        var spec = await StudyAsync(tolerance: 0.05);
        spec = spec with { Fixed = new Dictionary<string, System.Text.Json.JsonElement>(spec.Fixed) { ["dataset"] = System.Text.Json.JsonSerializer.SerializeToElement("mnist") } };
        var verdict = await VerifyAsync(spec, 0.9, _models.Trained);
        Assert.StartsWith("fixed.dataset: the host has no dataset 'mnist' to verify on; it has: breast_cancer, digits", verdict.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pruned_trial_is_not_rescored()
    {
        var spec = await StudyAsync(tolerance: 0.05);
        var verdict = await VerifyAsync(spec, 0.5, _models.Untrained, TrialState.Pruned);
        Assert.Null(verdict.Error);
        Assert.Equal(0.5, verdict.Outcome.Value);
        Assert.False(verdict.Attributes.ContainsKey(OnnxTrialVerifier.VerifiedKey));
    }

    [Fact]
    public async Task Without_artifacts_or_verify_in_the_spec_the_outcome_passes_unchanged()
    {
        var spec = await StudyAsync(tolerance: 0.05) with { Artifacts = null, Verify = null };
        var verdict = await VerifyAsync(spec, 0.7, "/anywhere/model.onnx");
        Assert.Null(verdict.Error);
        Assert.Equal(0.7, verdict.Outcome.Value);
        Assert.Empty(verdict.Attributes);
    }

    [Fact]
    public async Task A_score_prepared_before_the_lock_is_used_once_and_only_for_the_file_it_was_computed_on()
    {
        var spec = await StudyAsync(tolerance: 1);
        var folder = Path.Combine(Root, "prepared-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        var model = Path.Combine(folder, "model.onnx");
        try
        {
            File.WriteAllBytes(model, File.ReadAllBytes(Path.Combine(_models.Trained, "model.onnx")));
            var same = await CreateTrialAsync();
            await _verifier.PrepareAsync(new TrialToPrepare(_studyId, spec, same.Id, same.Attempt, folder, Pruned: false), CancellationToken.None);
            Assert.Equal(1, _verifier.Prepared.Count);
            var verdict = await VerifyAsync(spec, same, 0.5, folder);
            Assert.Equal(_models.Accuracy("trained", "holdout"), verdict.Outcome.Value!.Value, 12);
            Assert.Equal(0, _verifier.Prepared.Count);

            // A model rewritten between preparing and the verdict is scored again: the verdict never trusts a stale score.
            var rewritten = await CreateTrialAsync();
            await _verifier.PrepareAsync(new TrialToPrepare(_studyId, spec, rewritten.Id, rewritten.Attempt, folder, Pruned: false), CancellationToken.None);
            File.WriteAllBytes(model, File.ReadAllBytes(Path.Combine(_models.Untrained, "model.onnx")));
            File.SetLastWriteTimeUtc(model, File.GetLastWriteTimeUtc(model).AddSeconds(1));
            verdict = await VerifyAsync(spec, rewritten, 0.5, folder);
            Assert.Equal(_models.Accuracy("untrained", "holdout"), verdict.Outcome.Value!.Value, 12);

            // Nothing is prepared for a pruned attempt or a study without verify:.
            await _verifier.PrepareAsync(new TrialToPrepare(_studyId, spec, Guid.NewGuid(), 1, folder, Pruned: true), CancellationToken.None);
            await _verifier.PrepareAsync(new TrialToPrepare(_studyId, spec with { Verify = null }, Guid.NewGuid(), 1, folder, Pruned: false), CancellationToken.None);
            Assert.Equal(1, _verifier.Prepared.Count);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    private async Task<StudySpec> StudyAsync(double tolerance)
    {
        var spec = VerifySpecTests.Parse($"artifacts: {Root}\nverify: {{ holdout: {PythonModels.Holdout}, tolerance: {tolerance}, seed: {PythonModels.Seed} }}");
        await _store.CreateStudyAsync(new StudyRecord(_studyId, spec.Name, spec.Document.GetRawText(), spec.Direction, StudyStatus.Running, Now, null));
        return spec;
    }

    private async Task<TrialVerdict> VerifyAsync(StudySpec spec, double reported, string? artifact, TrialState state = TrialState.Completed) =>
        await VerifyAsync(spec, await CreateTrialAsync(), reported, artifact, state);

    private async Task<Trial> CreateTrialAsync()
    {
        var trial = new Trial { Id = Guid.NewGuid(), Number = _trials.Count, State = TrialState.Running, Params = ParameterSet.Empty, Attempt = 1 };
        await _store.CreateTrialAsync(_studyId, trial);
        _trials.Add(trial);
        return trial;
    }

    private async Task<TrialVerdict> VerifyAsync(StudySpec spec, Trial trial, double reported, string? artifact, TrialState state = TrialState.Completed)
    {
        var outcome = new TrialOutcome(state, reported, Now, 1, Artifact: artifact);
        var view = new StudyView(_studyId, spec.Space, spec.Direction, [.. _trials]);
        return await _verifier.VerifyAsync(new TrialToVerify(_studyId, spec, trial, outcome, view), CancellationToken.None);
    }

    /// <summary>Records the verdict in the mirror the next verification sees, as the conductor does.</summary>
    private void Finish(TrialVerdict verdict)
    {
        _trials[^1] = _trials[^1] with { State = TrialState.Completed, Value = verdict.Outcome.Value, Attributes = verdict.Attributes };
    }

    public void Dispose()
    {
        _store.Dispose();
        _temp.Dispose();
        var best = BestModel.PathFor(Root, _studyId);
        if (Directory.Exists(best))
        {
            Directory.Delete(Path.GetDirectoryName(best)!, recursive: true);
        }
    }
}
