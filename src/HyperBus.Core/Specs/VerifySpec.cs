namespace HyperBus.Core.Specs;

/// <summary>
/// The spec's <c>verify:</c> block: the host re-scores each returned ONNX model on a held-out share of the
/// dataset that trainers never train or validate on, and flags scores that disagree by more than the tolerance.
/// </summary>
/// <param name="Holdout">The share of rows held out (0 &lt; holdout &lt; 1).</param>
/// <param name="Tolerance">How far the reported score may be from the verified one before the trial is flagged.</param>
/// <param name="Seed">Picks the held-out rows; host and trainers derive the same rows from it.</param>
public sealed record VerifySpec(double Holdout, double Tolerance, long Seed)
{
    /// <summary>The <c>fixed</c> key that tells trainers the held-out share.</summary>
    public const string HoldoutKey = "holdout";

    /// <summary>The <c>fixed</c> key that tells trainers the seed of the held-out rows.</summary>
    public const string HoldoutSeedKey = "holdoutSeed";

    /// <summary>The <c>fixed</c> key that tells trainers the artifact folder (the spec's <c>artifacts</c>).</summary>
    public const string ArtifactsKey = "artifacts";
}
