using System.Globalization;
using System.Text;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;
using HyperBus.Reporting.Importance;
using HyperBus.Reporting.Plots;

namespace HyperBus.Reporting.Html;

/// <summary>
/// One self-contained HTML page for a study: summary, best trial, importances, a sortable table of all trials
/// and the plots as PNG data URIs. It references nothing outside itself, so it opens offline and can be mailed.
/// </summary>
public static class HtmlReport
{
    public static string Build(StudySnapshot study, IReadOnlyList<ParameterImportance> importances, IReadOnlyList<RenderedPlot> plots)
    {
        var s = study.Study;
        var html = new StringBuilder();
        html.Append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">")
            .Append("<title>").Append(HtmlText.Encode(s.Name)).Append(" - HyperBus report</title>")
            .Append("<style>").Append(ReportAssets.Style).Append("</style></head><body>\n");
        html.Append("<h1>").Append(HtmlText.Encode(s.Name)).Append("</h1>\n<p class=\"muted\">study ")
            .Append(s.Id).Append(", HyperBus report</p>\n");

        html.Append("<h2>Summary</h2>\n<table id=\"summary\">");
        Row(html, "state", s.Status.ToString().ToLowerInvariant());
        Row(html, study.IsMultiObjective ? "objectives" : "objective", study.IsMultiObjective
            ? string.Join(", ", study.Directions.Select((d, i) => $"{d.ToString().ToLowerInvariant()} {study.ObjectiveNames[i]}"))
            : $"{s.Direction.ToString().ToLowerInvariant()} {study.Metric}");
        Row(html, "created", s.CreatedAt.ToString("u", CultureInfo.InvariantCulture));
        Row(html, "finished", s.FinishedAt?.ToString("u", CultureInfo.InvariantCulture) ?? "-");
        foreach (var state in Enum.GetValues<TrialState>())
        {
            Row(html, $"{state.ToString().ToLowerInvariant()} trials", study.Trials.Count(t => t.State == state).ToString(CultureInfo.InvariantCulture));
        }

        html.Append("</table>\n");
        if (ParetoFrontData.Compute(study) is { } pareto)
        {
            ParetoFrontTable.Write(html, pareto, study.ParameterNames);
        }
        else if (study.IsMultiObjective)
        {
            html.Append("<h2>Pareto front</h2>\n<p>No trial has completed.</p>\n");
        }
        else
        {
            WriteBest(html, study);
        }

        if (importances.Count > 0)
        {
            html.Append("<h2>").Append(HtmlText.Encode(StudyPlots.ImportanceTitle(study))).Append("</h2>\n<table id=\"importances\">");
            foreach (var i in importances)
            {
                Row(html, i.Parameter, i.Importance.ToString("0.000", CultureInfo.InvariantCulture));
            }

            html.Append("</table>\n");
        }

        html.Append("<h2>Plots</h2>\n");
        foreach (var plot in plots)
        {
            html.Append("<figure id=\"plot-").Append(HtmlText.Encode(plot.Name)).Append("\"><img alt=\"").Append(HtmlText.Encode(plot.Title))
                .Append("\" src=\"data:image/png;base64,").Append(Convert.ToBase64String(plot.Png)).Append("\"></figure>\n"); // the image carries its title
        }

        html.Append("<h2>Trials</h2>\n<p class=\"muted\">Click a column to sort.</p>\n");
        TrialTable.Write(html, study);
        html.Append("<script>").Append(ReportAssets.SortScript).Append("</script>\n</body></html>\n");
        return html.ToString();
    }

    private static void WriteBest(StringBuilder html, StudySnapshot study)
    {
        html.Append("<h2>Best trial</h2>\n");
        if (study.Best is { } best)
        {
            html.Append("<table id=\"best\">");
            Row(html, "trial", best.Number.ToString(CultureInfo.InvariantCulture));
            Row(html, study.Metric, NumberFormat.Value(best.Value));
            foreach (var (name, value) in best.Params.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                Row(html, name, ParameterValues.Format(value));
            }

            html.Append("</table>\n");
        }
        else
        {
            html.Append("<p>No trial has completed.</p>\n");
        }
    }

    private static void Row(StringBuilder html, string name, string value) =>
        html.Append("<tr><th>").Append(HtmlText.Encode(name)).Append("</th><td>").Append(HtmlText.Encode(value)).Append("</td></tr>");
}
