namespace HyperBus.Verification;

/// <summary>Where the ONNX model of an artifact is: the artifact itself, or <c>model.onnx</c> in an artifact folder.</summary>
public static class OnnxArtifact
{
    public const string ModelFileName = "model.onnx";

    public static string ModelFile(string artifact)
    {
        if (Directory.Exists(artifact))
        {
            var model = Path.Combine(artifact, ModelFileName);
            return File.Exists(model)
                ? model
                : throw new ArtifactRejectedException($"artifact: the folder '{artifact}' has no {ModelFileName} to verify");
        }

        return File.Exists(artifact)
            ? artifact
            : throw new ArtifactRejectedException($"artifact: '{artifact}' does not exist") { Retryable = true };
    }
}
