using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HyperBus.Trainers.Tests.MLNet;

public sealed class DatasetCatalogTests
{
    [Theory]
    [InlineData("iris", 150, 4, 3)]
    [InlineData("wine", 178, 13, 3)]
    [InlineData("breast_cancer", 569, 30, 2)]
    [InlineData("digits", 1797, 64, 10)]
    public void Each_dataset_loads_with_its_rows_features_and_classes(string name, int rows, int features, int classes)
    {
        var data = new DatasetCatalog().Load(new MLContext(0), name);

        var featureType = Assert.IsType<VectorDataViewType>(data.Schema["Features"].Type);
        Assert.Equal(NumberDataViewType.Single, featureType.ItemType);
        Assert.Equal(features, featureType.Size);
        var labelType = Assert.IsType<KeyDataViewType>(data.Schema["Label"].Type);
        Assert.Equal((ulong)classes, labelType.Count);

        var labels = data.GetColumn<uint>("Label").ToList();
        Assert.Equal(rows, labels.Count);
        Assert.Equal(classes, labels.Distinct().Count());
    }

    [Fact]
    public void Label_keys_follow_the_class_index()
    {
        var data = new DatasetCatalog().Load(new MLContext(0), "iris");

        // iris lists its 50 rows of class 0, then class 1, then class 2; key k is class k - 1.
        var labels = data.GetColumn<uint>("Label").ToList();
        Assert.Equal(1u, labels[0]);
        Assert.Equal(2u, labels[50]);
        Assert.Equal(3u, labels[149]);
    }

    [Fact]
    public void Names_lists_the_shipped_datasets()
    {
        Assert.Equal(["breast_cancer", "digits", "iris", "wine"], new DatasetCatalog().Names);
    }

    [Theory]
    [InlineData("mnist")]
    [InlineData("../wine")]
    [InlineData("Wine")]
    public void An_unknown_dataset_fails_the_trial_and_lists_the_known_ones(string name)
    {
        var e = Assert.Throws<TrialFailedException>(() => new DatasetCatalog().Load(new MLContext(0), name));

        Assert.Contains($"unknown dataset '{name}'", e.Message, StringComparison.Ordinal);
        Assert.Contains("breast_cancer, digits, iris, wine", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_csv_without_a_label_column_fails_the_trial()
    {
        var directory = Directory.CreateTempSubdirectory("hyperbus-datasets-");
        try
        {
            File.WriteAllText(Path.Combine(directory.FullName, "broken.csv"), "a,b,class\n1,2,0\n");
            var e = Assert.Throws<TrialFailedException>(() => new DatasetCatalog(directory.FullName).Load(new MLContext(0), "broken"));
            Assert.Contains("ending with 'label'", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
