using System.Text.Json;
using HyperBus.Contracts;
using HyperBus.Core.Specs;
using HyperBus.Trainer.Sdk;
using HyperBus.Trainers.MLNet;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HyperBus.Verification.Tests;

/// <summary>The ML.NET trainers save their model as ML.NET zip and ONNX; ONNX Runtime predicts what ML.NET predicts.</summary>
public sealed class MLNetArtifactTests : IDisposable
{
    private const double Holdout = 0.2;
    private const int Seed = 1;
    private readonly TempFolder _temp = new();

    public static TheoryData<string> Kinds() => [SdcaTrainer.Kind, LightGbmTrainer.Kind, FastTreeTrainer.Kind];

    [Theory]
    [MemberData(nameof(Kinds))]
    public async Task The_onnx_model_predicts_every_row_as_the_mlnet_model_does(string kind)
    {
        var context = Context(new { dataset = "wine", artifacts = _temp.Path, holdout = Holdout, holdoutSeed = Seed });

        var result = await Trainer(kind).TrainAsync(context, CancellationToken.None);

        Assert.Equal(Path.Combine(_temp.Path, context.StudyId.ToString(), "trial-2-attempt-1"), result.Artifact);
        var ml = new MLContext(0);
        var zip = ml.Model.Load(Path.Combine(result.Artifact!, ModelArtifact.ZipFileName), out _);
        var wine = new DatasetCatalog(Path.Combine(AppContext.BaseDirectory, "Datasets"));
        var mlnet = zip.Transform(wine.Load(ml, "wine")).GetColumn<uint>("PredictedLabel").Select(k => (long)k - 1).ToArray();
        var rows = CsvTable.Read(Path.Combine(AppContext.BaseDirectory, "Datasets", "wine.csv"));
        using var onnx = new OnnxClassifier(OnnxArtifact.ModelFile(result.Artifact!));

        Assert.Equal(mlnet, onnx.Predict(rows.Features));
        var (verified, held) = new HoldoutScorer(new VerificationOptions()).Score(OnnxArtifact.ModelFile(result.Artifact!), "wine", new VerifySpec(Holdout, 0.02, Seed));
        Assert.Equal(35, held);
        Assert.True(verified > 0.85, $"{kind} verified at {verified}");
    }

    [Fact]
    public void The_held_out_rows_are_dropped_before_training()
    {
        var ml = new MLContext(0);
        var wine = new DatasetCatalog(Path.Combine(AppContext.BaseDirectory, "Datasets")).Load(ml, "wine");
        var parameters = new TrialParameters(new Dictionary<string, JsonElement>(), Trials(new { holdout = Holdout, holdoutSeed = Seed }));

        var kept = HoldoutRows.Remove(ml, wine, parameters);

        var all = wine.GetColumn<float[]>("Features").ToArray();
        var held = HoldoutSplit.Rows(all.Length, Holdout, Seed);
        var expected = all.Where((_, i) => !held[i]).ToArray();
        var actual = kept.GetColumn<float[]>("Features").ToArray();
        Assert.Equal(178 - 35, actual.Length);
        Assert.Equal(expected, actual);
        var labels = wine.GetColumn<uint>("Label").ToArray();
        Assert.Equal(labels.Where((_, i) => !held[i]), kept.GetColumn<uint>("Label"));
        Assert.Equal(wine.Schema["Label"].Type, kept.Schema["Label"].Type);
    }

    [Fact]
    public async Task Without_an_artifact_folder_nothing_is_saved()
    {
        var result = await new SdcaTrainer().TrainAsync(Context(new { dataset = "iris" }), CancellationToken.None);
        Assert.Null(result.Artifact);
    }

    private static ITrainer Trainer(string kind) => kind switch
    {
        SdcaTrainer.Kind => new SdcaTrainer(),
        LightGbmTrainer.Kind => new LightGbmTrainer(),
        _ => new FastTreeTrainer(),
    };

    private static TrialContext Context(object fixedValues) => new(
        new TrialRequested(Guid.NewGuid(), Guid.NewGuid(), 2, 1, "mlnet", "accuracy", new Dictionary<string, JsonElement>(), Trials(fixedValues), null, null, DateTimeOffset.MaxValue),
        (_, _, _, _) => Task.FromResult(TrialAction.Continue));

    private static Dictionary<string, JsonElement> Trials(object values) =>
        values.GetType().GetProperties().ToDictionary(p => p.Name, p => JsonSerializer.SerializeToElement(p.GetValue(values)));

    public void Dispose() => _temp.Dispose();
}
