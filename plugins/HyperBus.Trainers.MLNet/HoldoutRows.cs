using HyperBus.Core.Specs;
using HyperBus.Trainer.Sdk;
using Microsoft.ML;
using Microsoft.ML.Data;

namespace HyperBus.Trainers.MLNet;

/// <summary>
/// Drops the study's held-out rows (<c>holdout</c> and <c>holdoutSeed</c> in fixed, from the spec's
/// <c>verify:</c>) so a trainer never fits or cross-validates on the rows the host verifies its model on.
/// </summary>
public static class HoldoutRows
{
    public static IDataView Remove(MLContext ml, IDataView data, TrialParameters parameters)
    {
        if (!parameters.Contains("holdout"))
        {
            return data;
        }

        var fraction = parameters.GetDouble("holdout", 0.2, 0, 1, exclusiveMinimum: true);
        var seed = parameters.GetInt("holdoutSeed", 0, minimum: 0);
        var features = data.GetColumn<float[]>("Features").ToArray();
        var labels = data.GetColumn<uint>("Label").ToArray();
        var held = HoldoutSplit.Rows(features.Length, fraction, seed);
        // A key read from a data view is 1-based (0 is missing); one loaded from an object is 0-based.
        var kept = Enumerable.Range(0, features.Length).Where(i => !held[i]).Select(i => new LabelledRow { Features = features[i], Label = labels[i] - 1 });

        // Rebuilt from memory with the original vector size and key range, so pipelines see the same schema.
        var schema = SchemaDefinition.Create(typeof(LabelledRow));
        schema[nameof(LabelledRow.Features)].ColumnType = data.Schema["Features"].Type;
        schema[nameof(LabelledRow.Label)].ColumnType = data.Schema["Label"].Type;
        return ml.Data.Cache(ml.Data.LoadFromEnumerable(kept.ToList(), schema));
    }

    private sealed class LabelledRow
    {
        public float[] Features { get; set; } = [];

        public uint Label { get; set; }
    }
}
