using HyperBus.Reporting.Analysis;
using ScottPlot;

namespace HyperBus.Reporting.Plots;

/// <summary>Tick labels in a parameter's own values (choices, or numbers undone from a log scale).</summary>
public static class AxisTicks
{
    /// <summary>Ticks for data drawn in normalised [0, 1] units.</summary>
    public static void Normalised(IAxis axis, ParameterAxis parameter)
    {
        var positions = parameter.IsCategorical
            ? Enumerable.Range(0, parameter.Categories!.Count).Select(i => (i + 0.5) / parameter.Categories.Count).ToArray()
            : Shares(parameter);
        axis.SetTicks(positions, positions.Select(parameter.Label).ToArray());
    }

    /// <summary>Ticks for data drawn in internal units (log of the value, or a category's index).</summary>
    public static void Internal(IAxis axis, ParameterAxis parameter)
    {
        if (parameter.IsCategorical)
        {
            var count = parameter.Categories!.Count;
            axis.SetTicks(Enumerable.Range(0, count).Select(i => (double)i).ToArray(), Enumerable.Range(0, count).Select(i => parameter.Label((i + 0.5) / count)).ToArray());
            return;
        }

        var shares = Shares(parameter);
        axis.SetTicks(shares.Select(s => parameter.Low + (s * (parameter.High - parameter.Low))).ToArray(), shares.Select(parameter.Label).ToArray());
    }

    /// <summary>
    /// Where ticks go, as shares of the axis: quarters on a linear axis; on a log axis round values (decades, else
    /// 1-3 or 1-2-5 steps), so the labels read 0.001, 0.01, 0.1 rather than 0.002137, 0.006295.
    /// </summary>
    public static double[] Shares(ParameterAxis parameter)
    {
        if (!parameter.Log && parameter.IsInteger && parameter.High > parameter.Low)
        {
            // Whole numbers at about the quarters: 4, 13, 22, 30, 39 rather than 12.75 or 30.25.
            return [.. new[] { 0, 0.25, 0.5, 0.75, 1 }.Select(s => Math.Round(parameter.Low + (s * (parameter.High - parameter.Low))))
                .Distinct().Select(v => (v - parameter.Low) / (parameter.High - parameter.Low))];
        }

        if (!parameter.Log || parameter.High <= parameter.Low)
        {
            return [0, 0.25, 0.5, 0.75, 1];
        }

        var lo = Math.Exp(parameter.Low);
        var hi = Math.Exp(parameter.High);
        foreach (double[] mantissas in new[] { new[] { 1.0 }, [1.0, 3.0], [1.0, 2.0, 5.0] })
        {
            var shares = new List<double>();
            for (var e = Math.Floor(Math.Log10(lo)); e <= Math.Ceiling(Math.Log10(hi)); e++)
            {
                foreach (var m in mantissas)
                {
                    var v = m * Math.Pow(10, e);
                    if (v >= lo * (1 - 1e-9) && v <= hi * (1 + 1e-9))
                    {
                        shares.Add(Math.Clamp((Math.Log(v) - parameter.Low) / (parameter.High - parameter.Low), 0, 1));
                    }
                }
            }

            if (shares.Count >= 3)
            {
                return [.. shares];
            }
        }

        return [0, 0.5, 1];
    }
}
