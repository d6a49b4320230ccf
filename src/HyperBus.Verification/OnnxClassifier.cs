using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;

namespace HyperBus.Verification;

/// <summary>
/// An ONNX classifier: one float input of shape [rows, features]; its first output is either class scores
/// [rows, classes] (logits or probabilities; the class is the arg-max) or the class itself ([rows] or [rows, 1] integers).
/// </summary>
public sealed class OnnxClassifier : IDisposable
{
    private readonly InferenceSession _session;
    private readonly string _input;
    private readonly string _output;

    public OnnxClassifier(string modelPath)
    {
        try
        {
            using var options = new SessionOptions { IntraOpNumThreads = 1, InterOpNumThreads = 1 };
            _session = new InferenceSession(modelPath, options);
        }
        catch (OnnxRuntimeException e)
        {
            throw new ArtifactRejectedException($"artifact: '{modelPath}' is not an ONNX model ONNX Runtime can load: {e.Message}", e);
        }

        var inputs = _session.InputMetadata;
        if (inputs.Count != 1 || inputs.First().Value.ElementType != typeof(float) || inputs.First().Value.Dimensions.Length != 2)
        {
            _session.Dispose();
            throw new ArtifactRejectedException($"artifact: '{modelPath}' must take one float input of shape [rows, features]; it takes {Describe(inputs)}");
        }

        _input = inputs.First().Key;
        FeatureCount = inputs.First().Value.Dimensions[1];
        _output = _session.OutputMetadata.First().Key;
    }

    /// <summary>The number of features per row, or -1 when the model leaves it open.</summary>
    public int FeatureCount { get; }

    /// <summary>The predicted class of every row.</summary>
    public long[] Predict(IReadOnlyList<float[]> rows)
    {
        if (rows.Count == 0)
        {
            return [];
        }

        var width = rows[0].Length;
        if (FeatureCount > 0 && width != FeatureCount)
        {
            throw new ArgumentException($"the model takes {FeatureCount} features per row, the data has {width}", nameof(rows));
        }

        var tensor = new DenseTensor<float>([rows.Count, width]);
        for (var i = 0; i < rows.Count; i++)
        {
            for (var j = 0; j < width; j++)
            {
                tensor[i, j] = rows[i][j];
            }
        }

        using var results = _session.Run([NamedOnnxValue.CreateFromTensor(_input, tensor)], [_output]);
        var value = results[0];
        return value.Value switch
        {
            Tensor<float> scores when scores.Rank == 2 && scores.Dimensions[1] > 1 => ArgMax(scores),
            Tensor<long> labels => [.. labels],
            Tensor<int> labels => [.. labels.Select(l => (long)l)],
            _ => throw new ArtifactRejectedException($"artifact: the model's first output '{_output}' is neither class scores [rows, classes] nor class labels"),
        };
    }

    public void Dispose() => _session.Dispose();

    private static long[] ArgMax(Tensor<float> scores)
    {
        var rows = scores.Dimensions[0];
        var classes = scores.Dimensions[1];
        var result = new long[rows];
        for (var i = 0; i < rows; i++)
        {
            var best = 0;
            for (var c = 1; c < classes; c++)
            {
                if (scores[i, c] > scores[i, best])
                {
                    best = c;
                }
            }

            result[i] = best;
        }

        return result;
    }

    private static string Describe(IReadOnlyDictionary<string, NodeMetadata> inputs) =>
        string.Join(", ", inputs.Select(i => $"{i.Key}: {i.Value.ElementType.Name}[{string.Join(", ", i.Value.Dimensions)}]"));
}
