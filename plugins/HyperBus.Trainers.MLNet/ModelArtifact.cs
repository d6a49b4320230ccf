using HyperBus.Trainer.Sdk;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HyperBus.Trainers.MLNet;

/// <summary>
/// With <c>artifacts</c> in fixed (the spec's <c>artifacts:</c>), fits the trial's pipeline on every row it
/// may use and saves it to <c>ARTIFACTS/STUDY/trial-N-attempt-A/</c> as <c>model.zip</c> (ML.NET) and
/// <c>model.onnx</c> (input <c>Features</c> [rows, features], output the class scores), the folder being the artifact.
/// </summary>
public static class ModelArtifact
{
    public const string ZipFileName = "model.zip";
    public const string OnnxFileName = "model.onnx";

    public static TrialResult Save(MLContext ml, TrialResult result, IEstimator<ITransformer> estimator, IDataView data, TrialContext context)
    {
        if (!context.Params.Contains("artifacts") || context.Stopped)
        {
            return result;
        }

        var folder = Path.Combine(context.Params.GetString("artifacts"), context.StudyId.ToString(), $"trial-{context.Number}-attempt-{context.Attempt}");
        Directory.CreateDirectory(folder);
        var model = estimator.Fit(data);
        ml.Model.Save(model, data.Schema, Path.Combine(folder, ZipFileName));
        using (var onnx = File.Create(Path.Combine(folder, OnnxFileName)))
        {
            // Exported from a view holding only the features, so the ONNX model needs no label input.
            ml.Model.ConvertToOnnx(model, FeaturesOnly(ml, data), onnx, "Score");
        }

        return result with { Artifact = folder };
    }

    private static IDataView FeaturesOnly(MLContext ml, IDataView data)
    {
        var rows = data.GetColumn<float[]>("Features").Select(f => new FeatureRow { Features = f }).ToList();
        var schema = SchemaDefinition.Create(typeof(FeatureRow));
        schema[nameof(FeatureRow.Features)].ColumnType = data.Schema["Features"].Type;
        return ml.Data.LoadFromEnumerable(rows, schema);
    }

    private sealed class FeatureRow
    {
        public float[] Features { get; set; } = [];
    }
}
