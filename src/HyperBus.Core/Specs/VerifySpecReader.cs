using System.Text.Json;

namespace HyperBus.Core.Specs;

/// <summary>Reads <c>artifacts:</c> and <c>verify:</c>, and passes them to trainers through <c>fixed</c>.</summary>
public static class VerifySpecReader
{
    /// <summary>The metric verification scores; the only one an ONNX classifier's holdout gives without more settings.</summary>
    public const string Accuracy = "accuracy";

    /// <summary>The artifact folder: absolute, because the host and every worker must name the same place.</summary>
    public static string? ReadArtifacts(SpecObjectReader r, Dictionary<string, JsonElement> fixedValues)
    {
        var artifacts = r.String("artifacts");
        if (artifacts is null)
        {
            return null;
        }

        if (!Path.IsPathFullyQualified(artifacts))
        {
            r.Error("artifacts", $"must be an absolute path (the host and every worker must name the same folder), not '{artifacts}'");
            return null;
        }

        AddFixed(r, fixedValues, VerifySpec.ArtifactsKey, artifacts, "artifacts");
        return artifacts;
    }

    public static VerifySpec? ReadVerify(SpecObjectReader r, string metric, string? artifacts, Dictionary<string, JsonElement> fixedValues)
    {
        var v = r.Child("verify");
        if (v is null)
        {
            return null;
        }

        var holdout = v.Number("holdout", 0, 1, required: true);
        var tolerance = v.Number("tolerance", 0, 1) ?? 0.02;
        var seed = v.Integer("seed", 0, int.MaxValue) ?? 0;
        v.RejectUnknown();
        if (holdout is <= 0 or >= 1)
        {
            v.Error("holdout", $"must be between 0 and 1 exclusive, not {holdout}");
            holdout = null;
        }

        if (metric != Accuracy)
        {
            r.Error("verify", $"scores accuracy on the holdout, so the study's metric must be '{Accuracy}', not '{metric}'");
        }

        if (artifacts is null && !r.Has("artifacts"))
        {
            r.Error("verify", "needs 'artifacts': the folder trainers write their ONNX models to");
        }

        if (holdout is null)
        {
            return null;
        }

        AddFixed(r, fixedValues, VerifySpec.HoldoutKey, holdout.Value, "verify.holdout");
        AddFixed(r, fixedValues, VerifySpec.HoldoutSeedKey, seed, "verify.seed");
        return new VerifySpec(holdout.Value, tolerance, seed);
    }

    private static void AddFixed<T>(SpecObjectReader r, Dictionary<string, JsonElement> fixedValues, string key, T value, string source)
    {
        if (fixedValues.ContainsKey(key))
        {
            r.Error($"fixed.{key}", $"is set from '{source}'; remove it from fixed");
            return;
        }

        fixedValues[key] = JsonSerializer.SerializeToElement(value);
    }
}
