using HyperBus.Trainer.Sdk;

namespace HyperBus.Trainers.Tests.Sdk;

/// <summary>A checkpoint named by a message is read only from inside the worker's checkpoint folder.</summary>
public sealed class CheckpointFoldersTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-ckpt-");

    private string Root => Path.Combine(_dir.FullName, "root");

    [Fact]
    public void A_trial_folder_of_the_root_is_accepted_by_full_or_relative_path()
    {
        var folder = CheckpointFolders.ForTrial(Root, Guid.NewGuid(), Guid.NewGuid());

        Assert.Null(CheckpointFolders.Refuse(Root, folder));
        Assert.Null(CheckpointFolders.Refuse(Root, Path.GetRelativePath(Root, folder)));
    }

    [Theory]
    [InlineData("/etc/passwd", "is outside the checkpoint folder")]
    [InlineData("../outside", "must not contain '..'")]
    [InlineData("a/../../outside", "must not contain '..'")]
    public void Paths_out_of_the_root_are_refused_with_the_reason(string checkpoint, string reason)
    {
        Directory.CreateDirectory(Root);

        var refused = CheckpointFolders.Refuse(Root, checkpoint);

        Assert.NotNull(refused);
        Assert.StartsWith("checkpoint: ", refused, StringComparison.Ordinal);
        Assert.Contains(reason, refused, StringComparison.Ordinal);
    }

    [Fact]
    public void A_sibling_folder_sharing_the_roots_name_as_a_prefix_is_refused()
    {
        Directory.CreateDirectory(Root);
        var sibling = Directory.CreateDirectory(Root + "-evil").FullName;

        Assert.NotNull(CheckpointFolders.Refuse(Root, sibling));
    }

    [Fact]
    public void A_link_inside_the_root_that_points_out_of_it_is_refused()
    {
        Directory.CreateDirectory(Root);
        var outside = Directory.CreateDirectory(Path.Combine(_dir.FullName, "outside")).FullName;
        var link = Path.Combine(Root, "escape");
        Directory.CreateSymbolicLink(link, outside);

        Assert.Contains("is outside the checkpoint folder", CheckpointFolders.Refuse(Root, Path.Combine(link, "model.bin")), StringComparison.Ordinal);
    }

    public void Dispose() => _dir.Delete(recursive: true);
}
