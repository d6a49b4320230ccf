using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using HyperBus.Core.Storage;

namespace HyperBus.Reporting.Export;

/// <summary><c>hyperbus export</c>'s formats: every trial of a study with its attempts, as CSV (one row per trial) or JSON.</summary>
public static class TrialExport
{
    public static JsonSerializerOptions JsonOptions { get; } = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.CamelCase) },
    };

    /// <summary>Every trial with the attempts the store kept for it.</summary>
    public static async Task<IReadOnlyList<ExportedTrial>> LoadAsync(IStudyStore store, StudySnapshot study, CancellationToken cancellationToken = default)
    {
        var trials = new List<ExportedTrial>(study.Trials.Count);
        foreach (var t in study.Trials)
        {
            trials.Add(ExportedTrial.From(t, await store.LoadAttemptsAsync(t.Id, cancellationToken)));
        }

        return trials;
    }

    public static string ToJson(StudySnapshot study, IReadOnlyList<ExportedTrial> trials) => JsonSerializer.Serialize(
        new
        {
            study = study.Study.Name,
            studyId = study.Study.Id,
            status = study.Study.Status.ToString().ToLowerInvariant(),
            direction = study.Direction.ToString().ToLowerInvariant(),
            metric = study.Metric,
            trials,
        },
        JsonOptions);

    /// <summary>
    /// One row per trial (RFC 4180 quoting): fixed columns, then <c>param.NAME</c> and <c>attr.KEY</c> columns, the reports
    /// as <c>step:value</c> pairs joined by ';' and the failed attempts' errors joined by ' | '.
    /// </summary>
    public static string ToCsv(StudySnapshot study, IReadOnlyList<ExportedTrial> trials)
    {
        var parameters = study.ParameterNames;
        var attributes = trials.SelectMany(t => t.Attributes.Keys).Distinct().Order(StringComparer.Ordinal).ToList();
        var csv = new StringBuilder();
        string[] fixedColumns = ["number", "id", "state", "value", "attempts", "started_at", "finished_at", "duration_seconds", "budget"];
        Line(csv, [.. fixedColumns, .. parameters.Select(p => "param." + p), .. attributes.Select(a => "attr." + a), "reports", "errors"]);
        foreach (var t in trials)
        {
            Line(csv,
            [
                t.Number.ToString(CultureInfo.InvariantCulture), t.Id.ToString(), t.State, Number(t.Value), t.Attempt.ToString(CultureInfo.InvariantCulture),
                Time(t.StartedAt), Time(t.FinishedAt), Number(t.DurationSeconds), Number(t.Budget),
                .. parameters.Select(p => ExportedTrial.FormatParam(t.Param(p))),
                .. attributes.Select(a => t.Attributes.TryGetValue(a, out var v) ? v : string.Empty),
                string.Join(';', t.Reports.Select(r => $"{r.Step.ToString(CultureInfo.InvariantCulture)}:{Number(r.Value)}")),
                string.Join(" | ", (t.Attempts ?? []).Where(a => a.Error is not null).Select(a => $"attempt {a.Attempt}: {a.Error}")),
            ]);
        }

        return csv.ToString();
    }

    private static string Number(double? value) => value?.ToString("R", CultureInfo.InvariantCulture) ?? string.Empty;

    private static string Time(DateTimeOffset? value) => value?.ToString("O", CultureInfo.InvariantCulture) ?? string.Empty;

    private static void Line(StringBuilder csv, IEnumerable<string> fields)
    {
        csv.AppendJoin(',', fields.Select(Quote)).Append("\r\n");
    }

    private static string Quote(string field) =>
        field.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + field.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : field;
}
