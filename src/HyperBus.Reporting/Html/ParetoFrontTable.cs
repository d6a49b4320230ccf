using System.Globalization;
using System.Text;
using HyperBus.Core.Space;
using HyperBus.Reporting.Analysis;

namespace HyperBus.Reporting.Html;

/// <summary>The report's answer for a multi-objective study: the trials on the Pareto front with every objective and parameter.</summary>
public static class ParetoFrontTable
{
    public static void Write(StringBuilder html, ParetoFrontData data, IReadOnlyList<string> parameters)
    {
        html.Append("<h2>Pareto front</h2>\n<p>").Append(data.Front.Count.ToString(CultureInfo.InvariantCulture))
            .Append(data.Front.Count == 1 ? " trial" : " trials").Append(" no other feasible trial dominates, of ")
            .Append(data.Points.Count.ToString(CultureInfo.InvariantCulture)).Append(" completed.</p>\n");
        html.Append("<table id=\"pareto-front\" class=\"sortable\"><thead><tr>");
        foreach (var header in new[] { "#" }.Concat(data.Objectives).Concat(parameters))
        {
            html.Append("<th>").Append(HtmlText.Encode(header)).Append("</th>");
        }

        html.Append("</tr></thead><tbody>\n");
        foreach (var t in data.Front)
        {
            html.Append("<tr>");
            Cell(html, t.Number.ToString(CultureInfo.InvariantCulture), t.Number);
            foreach (var value in t.Objectives)
            {
                Cell(html, NumberFormat.Value(value), value);
            }

            foreach (var name in parameters)
            {
                var present = t.Params.TryGetValue(name, out var value);
                Cell(html, present ? ParameterValues.Format(value) : string.Empty, present && ParameterValues.IsNumber(value) ? NumericParameter.AsDouble(value) : null);
            }

            html.Append("</tr>\n");
        }

        html.Append("</tbody></table>\n");
    }

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
