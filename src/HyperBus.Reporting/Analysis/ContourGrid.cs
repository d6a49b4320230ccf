namespace HyperBus.Reporting.Analysis;

/// <summary>
/// The objective over two parameters: the trials as points and a surface interpolated between them on a
/// grid of the normalised plane (inverse-distance weighting, which passes through every observed value and
/// never leaves their range), as Optuna's contour plot interpolates its scattered trials.
/// </summary>
public sealed record ContourGrid(ParameterAxis X, ParameterAxis Y, IReadOnlyList<SlicePoint> XPoints, IReadOnlyList<SlicePoint> YPoints, double[,] Z)
{
    public const int DefaultResolution = 50;

    /// <summary>Rows of <see cref="Z"/> go up the y axis, columns along x; cell (r, c) is centred at ((c + 0.5) / n, (r + 0.5) / n).</summary>
    public int Resolution => Z.GetLength(0);

    public static ContourGrid Compute(StudySnapshot study, string x, string y, int resolution = DefaultResolution)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(resolution, 2);
        var trials = study.Completed.Where(t => t.Params.ContainsKey(x) && t.Params.ContainsKey(y)).ToList();
        var xAxis = ParameterAxis.For(x, study.Space, trials, useSpecBounds: false);
        var yAxis = ParameterAxis.For(y, study.Space, trials, useSpecBounds: false);
        var us = trials.Select(t => xAxis.Normalize(t.Params[x])).ToArray();
        var vs = trials.Select(t => yAxis.Normalize(t.Params[y])).ToArray();
        var values = trials.Select(t => t.Value!.Value).ToArray();
        var z = new double[resolution, resolution];
        for (var r = 0; r < resolution; r++)
        {
            for (var c = 0; c < resolution; c++)
            {
                z[r, c] = Interpolate(us, vs, values, (c + 0.5) / resolution, (r + 0.5) / resolution);
            }
        }

        return new ContourGrid(
            xAxis,
            yAxis,
            trials.Select((t, i) => new SlicePoint(t.Number, us[i], values[i])).ToList(),
            trials.Select((t, i) => new SlicePoint(t.Number, vs[i], values[i])).ToList(),
            z);
    }

    /// <summary>Inverse-squared-distance weighting of the observed values at (u, v); exact at an observed point, NaN with no points.</summary>
    public static double Interpolate(IReadOnlyList<double> us, IReadOnlyList<double> vs, IReadOnlyList<double> values, double u, double v)
    {
        double weighted = 0, total = 0;
        for (var i = 0; i < values.Count; i++)
        {
            var d2 = ((us[i] - u) * (us[i] - u)) + ((vs[i] - v) * (vs[i] - v));
            if (d2 < 1e-18)
            {
                return values[i];
            }

            var w = 1 / d2;
            weighted += w * values[i];
            total += w;
        }

        return total > 0 ? weighted / total : double.NaN;
    }
}
