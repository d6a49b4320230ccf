namespace HyperBus.Verification.Tests;

/// <summary>A trainer can only hand the host files inside the study's artifact folder.</summary>
public sealed class ArtifactPathsTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Root => _temp.Sub("artifacts");

    [Fact]
    public void A_model_inside_the_folder_is_accepted_as_its_real_path()
    {
        var model = Path.Combine(_temp.Sub("artifacts", "study", "trial-0"), "model.onnx");
        File.WriteAllText(model, "x");

        Assert.Equal(model, ArtifactPaths.Resolve(Root, model));
        Assert.Equal(model, ArtifactPaths.Resolve(Root, new Uri(model).AbsoluteUri));
        Assert.Equal(Path.GetDirectoryName(model), ArtifactPaths.Resolve(Root + "/", Path.GetDirectoryName(model)!));
    }

    [Fact]
    public void Dot_dot_out_of_the_folder_is_rejected()
    {
        File.WriteAllText(Path.Combine(_temp.Path, "secret.onnx"), "x");
        var e = Assert.Throws<ArtifactRejectedException>(() => ArtifactPaths.Resolve(Root, Path.Combine(Root, "..", "secret.onnx")));
        Assert.Contains("is outside the artifact folder", e.Message, StringComparison.Ordinal);
        Assert.StartsWith("artifact: ", e.Message, StringComparison.Ordinal);
        Assert.False(e.Retryable);
    }

    [Fact]
    public void A_sibling_folder_that_shares_the_prefix_is_outside()
    {
        var sibling = Path.Combine(_temp.Sub("artifacts-evil"), "model.onnx");
        File.WriteAllText(sibling, "x");
        Assert.Throws<ArtifactRejectedException>(() => ArtifactPaths.Resolve(Root, sibling));
    }

    [Fact]
    public void A_link_inside_the_folder_that_points_out_is_rejected()
    {
        var outside = Path.Combine(_temp.Sub("elsewhere"), "model.onnx");
        File.WriteAllText(outside, "x");
        var fileLink = Path.Combine(Root, "model.onnx");
        File.CreateSymbolicLink(fileLink, outside);
        var folderLink = Path.Combine(Root, "trial");
        Directory.CreateSymbolicLink(folderLink, Path.GetDirectoryName(outside)!);

        Assert.Throws<ArtifactRejectedException>(() => ArtifactPaths.Resolve(Root, fileLink));
        Assert.Throws<ArtifactRejectedException>(() => ArtifactPaths.Resolve(Root, Path.Combine(folderLink, "model.onnx")));
    }

    [Theory]
    [InlineData("relative/model.onnx", "is not an absolute path")]
    [InlineData("https://example.com/model.onnx", "is a https URI")]
    [InlineData("", "artifact: is empty")]
    public void Paths_the_host_cannot_check_are_rejected_with_the_reason(string artifact, string reason)
    {
        var e = Assert.Throws<ArtifactRejectedException>(() => ArtifactPaths.Resolve(Root, artifact));
        Assert.Contains(reason, e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_model_is_named()
    {
        var missing = Path.Combine(Root, "nothing-here.onnx");
        var e = Assert.Throws<ArtifactRejectedException>(() => ArtifactPaths.Resolve(Root, missing));
        Assert.Equal($"artifact: '{missing}' does not exist", e.Message);
    }

    public void Dispose() => _temp.Dispose();
}
