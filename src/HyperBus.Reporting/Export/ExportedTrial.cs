using HyperBus.Core.Space;
using HyperBus.Core.Storage;
using HyperBus.Core.Trials;
using HyperBus.Reporting.Html;

namespace HyperBus.Reporting.Export;

/// <summary>A trial as exports and the dashboard API give it: parameters, value, state, attempts, times and reports.</summary>
public sealed record ExportedTrial(
    int Number,
    Guid Id,
    string State,
    double? Value,
    int Attempt,
    DateTimeOffset? StartedAt,
    DateTimeOffset? FinishedAt,
    double? DurationSeconds,
    double? Budget,
    IReadOnlyDictionary<string, object> Params,
    IReadOnlyDictionary<string, string> Attributes,
    IReadOnlyList<ExportedReport> Reports,
    IReadOnlyList<TrialAttempt>? Attempts,
    IReadOnlyList<double>? Values = null)
{
    /// <summary>The trial, with its attempts when they were loaded (exports load them; the dashboard does not).</summary>
    public static ExportedTrial From(Trial trial, IReadOnlyList<TrialAttempt>? attempts = null) => new(
        trial.Number,
        trial.Id,
        trial.State.ToString().ToLowerInvariant(),
        trial.Value,
        trial.Attempt,
        trial.StartedAt,
        trial.FinishedAt,
        TrialTable.Duration(trial),
        trial.Budget,
        trial.Params.ToDictionary(p => p.Key, p => p.Value, StringComparer.Ordinal),
        trial.Attributes,
        trial.Reports.Select(r => new ExportedReport(r.Step, double.IsFinite(r.Value) ? r.Value : null)).ToList(),
        attempts,
        trial.Values);

    public object? Param(string name) => Params.TryGetValue(name, out var v) ? v : null;

    /// <summary>A parameter as export text: doubles round-trip exactly, other values as the spec would write them.</summary>
    public static string FormatParam(object? value) => value switch
    {
        null => string.Empty,
        double d => d.ToString("R", System.Globalization.CultureInfo.InvariantCulture),
        _ => ParameterValues.Format(value),
    };
}
