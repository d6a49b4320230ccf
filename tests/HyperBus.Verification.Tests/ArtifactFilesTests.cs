using System.Diagnostics;

namespace HyperBus.Verification.Tests;

/// <summary>
/// Only regular, non-empty files of bounded size are read as artifacts: a FIFO inside the artifact folder used to
/// block two host threads until bytes arrived, and was then promoted as the study's best model.
/// </summary>
public sealed class ArtifactFilesTests : IDisposable
{
    private readonly TempFolder _temp = new();

    private string Root => _temp.Sub("artifacts");

    [Fact]
    public void A_fifo_inside_the_folder_is_refused_without_blocking()
    {
        var fifo = Path.Combine(_temp.Sub("artifacts", "study", "trial-0"), "model.onnx");
        MakeFifo(fifo);

        // Resolve would block for ever on the FIFO if it opened it; the test host's timeout would then fail it.
        var e = Assert.Throws<ArtifactRejectedException>(() => ArtifactPaths.Resolve(Root, fifo));

        Assert.Contains("is empty or not a regular file", e.Message, StringComparison.Ordinal);
        Assert.False(e.Retryable);
    }

    [Fact]
    public void A_fifo_inside_an_artifact_folder_is_refused()
    {
        var folder = _temp.Sub("artifacts", "study", "trial-1");
        File.WriteAllText(Path.Combine(folder, "model.onnx"), "x");
        MakeFifo(Path.Combine(_temp.Sub("artifacts", "study", "trial-1", "extra"), "weights.bin"));

        var e = Assert.Throws<ArtifactRejectedException>(() => ArtifactPaths.Resolve(Root, folder));

        Assert.Contains("weights.bin' is empty or not a regular file", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_model_file_is_refused_and_a_small_one_accepted()
    {
        var folder = _temp.Sub("artifacts", "study", "trial-2");
        File.WriteAllText(Path.Combine(folder, "empty.onnx"), string.Empty);
        File.WriteAllText(Path.Combine(folder, "model.onnx"), "x");

        Assert.Throws<ArtifactRejectedException>(() => ArtifactPaths.Resolve(Root, Path.Combine(folder, "empty.onnx")));
        Assert.Equal(Path.Combine(folder, "model.onnx"), ArtifactPaths.Resolve(Root, Path.Combine(folder, "model.onnx")));
    }

    public void Dispose() => _temp.Dispose();

    private static void MakeFifo(string path)
    {
        using var mkfifo = Process.Start(new ProcessStartInfo("mkfifo", $"\"{path}\"") { UseShellExecute = false })!;
        mkfifo.WaitForExit();
        Assert.Equal(0, mkfifo.ExitCode);
    }
}
