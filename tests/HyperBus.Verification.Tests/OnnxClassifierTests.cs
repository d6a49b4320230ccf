namespace HyperBus.Verification.Tests;

/// <summary>ONNX Runtime in C# gives the same classes PyTorch gives for the same model and rows.</summary>
[Collection(PythonModelsCollection.Name)]
public sealed class OnnxClassifierTests(PythonModels models)
{
    private static readonly CsvTable Digits = CsvTable.Read(Path.Combine(AppContext.BaseDirectory, "Datasets", "digits.csv"));

    [Fact]
    public void The_csharp_predictions_equal_the_pytorch_predictions_on_every_row()
    {
        using var classifier = new OnnxClassifier(OnnxArtifact.ModelFile(models.Trained));

        Assert.Equal(64, classifier.FeatureCount);
        Assert.Equal(PythonModels.PythonPredictions(models.Trained), classifier.Predict(Digits.Features));
    }

    [Fact]
    public void The_holdout_accuracy_in_csharp_equals_what_pytorch_measures()
    {
        var scorer = new HoldoutScorer(new VerificationOptions());
        var verify = new Core.Specs.VerifySpec(PythonModels.Holdout, 0.02, PythonModels.Seed);

        var (trained, rows) = scorer.Score(OnnxArtifact.ModelFile(models.Trained), "digits", verify);
        var (untrained, _) = scorer.Score(OnnxArtifact.ModelFile(models.Untrained), "digits", verify);

        Assert.Equal(359, rows);
        Assert.Equal(models.Accuracy("trained", "holdout"), trained, 12);
        Assert.Equal(models.Accuracy("untrained", "holdout"), untrained, 12);
        Assert.True(trained > 0.9, $"trained accuracy {trained}");
        Assert.True(untrained < 0.5, $"untrained accuracy {untrained}");
    }

    [Fact]
    public void Rows_of_the_wrong_width_are_refused()
    {
        using var classifier = new OnnxClassifier(OnnxArtifact.ModelFile(models.Trained));
        var e = Assert.Throws<ArgumentException>(() => classifier.Predict([new float[3]]));
        Assert.Contains("takes 64 features per row, the data has 3", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_file_that_is_not_an_onnx_model_is_rejected_by_name()
    {
        var path = Path.Combine(models.Folder, "not-a-model.onnx");
        File.WriteAllText(path, "this is not protobuf");
        var e = Assert.Throws<ArtifactRejectedException>(() => new OnnxClassifier(path));
        Assert.Contains($"'{path}' is not an ONNX model", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_folder_without_model_onnx_is_rejected()
    {
        var folder = Directory.CreateDirectory(Path.Combine(models.Folder, "empty-artifact")).FullName;
        var e = Assert.Throws<ArtifactRejectedException>(() => OnnxArtifact.ModelFile(folder));
        Assert.Contains("has no model.onnx", e.Message, StringComparison.Ordinal);
    }
}
