using System.Globalization;
using HyperBus.Trainer.Sdk;

namespace HyperBus.Trainers.MLNet;

/// <summary>Accuracy and log-loss of each fold scored so far, and the trial result they make.</summary>
public sealed class CrossValidatedAccuracy
{
    private readonly List<double> _accuracies = [];
    private readonly List<double> _macroAccuracies = [];
    private readonly List<double> _logLosses = [];

    public IReadOnlyList<double> Accuracies => _accuracies;

    /// <summary>Mean micro-accuracy over the folds so far (0 before the first fold).</summary>
    public double Mean => _accuracies.Count == 0 ? 0 : _accuracies.Average();

    /// <summary>Population standard deviation of the fold accuracies, as scikit-learn reports <c>scores.std()</c>.</summary>
    public double StandardDeviation
    {
        get
        {
            var mean = Mean;
            return _accuracies.Count == 0 ? 0 : Math.Sqrt(_accuracies.Average(a => (a - mean) * (a - mean)));
        }
    }

    public void Add(double accuracy, double macroAccuracy, double logLoss)
    {
        _accuracies.Add(accuracy);
        _macroAccuracies.Add(macroAccuracy);
        _logLosses.Add(logLoss);
    }

    /// <summary>The mean accuracy as the objective, with the spread and every fold's score as metrics.</summary>
    public TrialResult ToResult()
    {
        var metrics = new Dictionary<string, double>(StringComparer.Ordinal)
        {
            ["accuracy"] = Mean,
            ["accuracy_std"] = StandardDeviation,
            ["macro_accuracy"] = _macroAccuracies.Count == 0 ? 0 : _macroAccuracies.Average(),
            ["log_loss"] = _logLosses.Count == 0 ? 0 : _logLosses.Average(),
            ["folds"] = _accuracies.Count,
        };
        for (var i = 0; i < _accuracies.Count; i++)
        {
            metrics[string.Create(CultureInfo.InvariantCulture, $"accuracy_fold_{i + 1}")] = _accuracies[i];
        }

        return new TrialResult(Mean) { Metrics = metrics };
    }
}
