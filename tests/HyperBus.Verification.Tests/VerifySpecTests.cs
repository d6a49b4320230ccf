using HyperBus.Core.Specs;
using HyperBus.Samplers;
using HyperBus.Schedulers;

namespace HyperBus.Verification.Tests;

/// <summary><c>artifacts:</c> and <c>verify:</c> in the spec: read, passed to trainers in fixed, and every mistake named.</summary>
public sealed class VerifySpecTests
{
    private static readonly SpecCatalogs Catalogs = new(SamplerCatalog.Default, SchedulerCatalog.Default, null);

    public static StudySpec Parse(string extra, string metric = "accuracy", string fixedValues = "{ dataset: digits }") => StudySpecParser.Parse($"""
        study: v
        direction: maximize
        metric: {metric}
        trials: 4
        trainer: torch-mlp
        fixed: {fixedValues}
        space: {"{"} lr: {"{"} type: float, low: 0.001, high: 0.1 {"}"} {"}"}
        {extra}
        """, Catalogs);

    [Fact]
    public void Verify_and_artifacts_are_read_and_sent_to_trainers_in_fixed()
    {
        var spec = Parse("artifacts: /srv/models\nverify: { holdout: 0.2, tolerance: 0.03, seed: 11 }");

        Assert.Equal("/srv/models", spec.Artifacts);
        Assert.Equal(new VerifySpec(0.2, 0.03, 11), spec.Verify);
        Assert.Equal(0.2, spec.Fixed["holdout"].GetDouble());
        Assert.Equal(11, spec.Fixed["holdoutSeed"].GetInt64());
        Assert.Equal("/srv/models", spec.Fixed["artifacts"].GetString());
        Assert.Equal("digits", spec.Fixed["dataset"].GetString());
    }

    [Fact]
    public void Tolerance_and_seed_have_defaults_and_a_study_without_verify_has_none()
    {
        Assert.Equal(new VerifySpec(0.25, 0.02, 0), Parse("artifacts: /srv/models\nverify: { holdout: 0.25 }").Verify);
        var plain = Parse("");
        Assert.Null(plain.Verify);
        Assert.Null(plain.Artifacts);
        Assert.False(plain.Fixed.ContainsKey("holdout"));
    }

    [Theory]
    [InlineData("artifacts: /m\nverify: { tolerance: 0.1 }", "verify.holdout: is required")]
    [InlineData("artifacts: /m\nverify: { holdout: 1 }", "verify.holdout: must be between 0 and 1 exclusive")]
    [InlineData("artifacts: /m\nverify: { holdout: 1.5 }", "verify.holdout: must be between 0 and 1")]
    [InlineData("artifacts: /m\nverify: { holdout: 0.2, tolerance: -0.1 }", "verify.tolerance: must be between 0 and 1")]
    [InlineData("artifacts: /m\nverify: { holdout: 0.2, tolrance: 0.1 }", "verify.tolrance: is not a known field")]
    [InlineData("artifacts: /m\nverify: { holdout: 0.2, seed: -1 }", "verify.seed: must be between 0 and")]
    [InlineData("artifacts: /m\nverify: 0.2", "verify: must be a mapping")]
    [InlineData("verify: { holdout: 0.2 }", "verify: needs 'artifacts'")]
    [InlineData("artifacts: models/here", "artifacts: must be an absolute path")]
    public void Each_mistake_is_named_by_its_field(string extra, string error)
    {
        var e = Assert.Throws<SpecException>(() => Parse(extra));
        Assert.Contains(e.Errors, x => x.ToString().StartsWith(error, StringComparison.Ordinal));
    }

    [Fact]
    public void A_fixed_value_that_verify_sets_is_refused()
    {
        var e = Assert.Throws<SpecException>(() => Parse("artifacts: /m\nverify: { holdout: 0.2 }", fixedValues: "{ dataset: digits, holdout: 0.5 }"));
        Assert.Contains(e.Errors, x => x.ToString() == "fixed.holdout: is set from 'verify.holdout'; remove it from fixed");
    }

    [Fact]
    public void Verification_scores_accuracy_so_the_metric_must_be_accuracy()
    {
        var e = Assert.Throws<SpecException>(() => Parse("artifacts: /m\nverify: { holdout: 0.2 }", metric: "loss"));
        Assert.Contains(e.Errors, x => x.ToString() == "verify: scores accuracy on the holdout, so the study's metric must be 'accuracy', not 'loss'");
    }
}
