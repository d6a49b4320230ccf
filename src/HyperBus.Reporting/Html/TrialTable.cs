using System.Globalization;
using System.Text;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;

namespace HyperBus.Reporting.Html;

/// <summary>The report's table of every trial; each cell carries a data-sort key so the inline script sorts numbers as numbers.</summary>
public static class TrialTable
{
    public static void Write(StringBuilder html, StudySnapshot study)
    {
        var parameters = study.ParameterNames;
        // The auto sampler names the sampler it delegated each trial to.
        var samplers = study.Trials.Any(t => t.Attributes.ContainsKey(TrialAttributeKeys.Sampler));
        html.Append("<table id=\"trials\" class=\"sortable\"><thead><tr>");
        foreach (var header in new[] { "#", "state", study.Metric, "attempts", "seconds" }.Concat(samplers ? ["sampler"] : []).Concat(parameters))
        {
            html.Append("<th>").Append(HtmlText.Encode(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var t in study.Trials)
        {
            html.Append("<tr>");
            Cell(html, t.Number.ToString(CultureInfo.InvariantCulture), t.Number);
            Cell(html, t.State.ToString().ToLowerInvariant(), null);
            Cell(html, NumberFormat.Value(t.Value), t.Value);
            Cell(html, t.Attempt.ToString(CultureInfo.InvariantCulture), t.Attempt);
            var seconds = Duration(t);
            Cell(html, seconds is { } s ? s.ToString("0.###", CultureInfo.InvariantCulture) : "-", seconds);
            if (samplers)
            {
                Cell(html, t.Attributes.GetValueOrDefault(TrialAttributeKeys.Sampler) ?? string.Empty, null);
            }

            foreach (var name in parameters)
            {
                if (t.Params.TryGetValue(name, out var value))
                {
                    Cell(html, ParameterValues.Format(value), ParameterValues.IsNumber(value) ? NumericParameter.AsDouble(value) : null);
                }
                else
                {
                    Cell(html, string.Empty, null);
                }
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

    /// <summary>The trainer's own measure of the finishing attempt, else its start to the trial's end when both are known.</summary>
    public static double? Duration(Trial trial) =>
        trial.DurationSeconds ?? (trial is { StartedAt: { } start, FinishedAt: { } end } ? Math.Max(0, (end - start).TotalSeconds) : null);

    private static void Cell(StringBuilder html, string text, double? sortKey)
    {
        html.Append("<td");
        if (sortKey is { } key && double.IsFinite(key))
        {
            html.Append(" data-sort=\"").Append(key.ToString("R", CultureInfo.InvariantCulture)).Append('"');
        }

        html.Append('>').Append(HtmlText.Encode(text)).Append("</td>");
    }
}
