using System.Globalization;
using HyperBus.Core.Space;

namespace HyperBus.Bench.Frontier;

/// <summary>
/// A real task's table of cross-validated losses on a grid (bench/frontier/tables/&lt;task&gt;.csv) and the multilinear
/// interpolation between its nodes, computed exactly as bench/frontier/real_tasks.py computes it: encoded coordinates
/// (log10 for log floats, the value for ints), a cell and a weight per numeric axis, the node itself per categorical.
/// Its minimum over the space is attained at a node, so <see cref="Minimum"/> is the exact optimum.
/// </summary>
public sealed class RealTable
{
    private readonly IReadOnlyList<Parameter> parameters;
    private readonly double[][] numericAxes;
    private readonly string[][] categoricalAxes;
    private readonly double[] values;

    private RealTable(IReadOnlyList<Parameter> parameters, double[][] numericAxes, string[][] categoricalAxes, double[] values)
    {
        this.parameters = parameters;
        this.numericAxes = numericAxes;
        this.categoricalAxes = categoricalAxes;
        this.values = values;
        Minimum = values.Min();
    }

    public double Minimum { get; }

    /// <summary>Reads a table whose first columns are the parameters in order, then "loss"; lines starting with '#' are comments.</summary>
    public static RealTable Load(string path, IReadOnlyList<Parameter> parameters)
    {
        var lines = File.ReadLines(path).Where(l => !l.StartsWith('#') && l.Length > 0).ToList();
        var header = lines[0].Split(',');
        if (!header.Take(parameters.Count).SequenceEqual(parameters.Select(p => p.Name)) || header[parameters.Count] != "loss")
        {
            throw new InvalidDataException($"{path}: unexpected columns {lines[0]}");
        }

        var rows = lines.Skip(1).Select(l => l.Split(',')).ToList();
        var numeric = new double[parameters.Count][];
        var categorical = new string[parameters.Count][];
        for (var j = 0; j < parameters.Count; j++)
        {
            var seen = rows.Select(r => r[j]).Distinct().ToArray();
            if (parameters[j] is CategoricalParameter)
            {
                categorical[j] = seen;
                numeric[j] = [];
            }
            else
            {
                numeric[j] = [.. seen.Select(s => double.Parse(s, CultureInfo.InvariantCulture))];
                categorical[j] = [];
            }
        }

        var table = rows.Select(r => double.Parse(r[parameters.Count], CultureInfo.InvariantCulture)).ToArray();
        var size = Enumerable.Range(0, parameters.Count).Aggregate(1L, (n, j) => n * Math.Max(numeric[j].Length, categorical[j].Length));
        if (table.Length != size)
        {
            throw new InvalidDataException($"{path}: {table.Length} rows is not a full grid of {size}");
        }

        return new RealTable(parameters, numeric, categorical, table);
    }

    /// <summary>The table coordinate of a numeric parameter's value: log10 for a log float, else the value.</summary>
    public static double Encode(Parameter parameter, double value) =>
        parameter is FloatParameter { Log: true } ? Math.Log10(value) : value;

    public double Evaluate(ParameterSet config)
    {
        var k = parameters.Count;
        var lower = new int[k];
        var weights = new double[k];
        var numeric = new List<int>(k);
        for (var j = 0; j < k; j++)
        {
            var p = parameters[j];
            if (p is CategoricalParameter)
            {
                lower[j] = Array.IndexOf(categoricalAxes[j], Convert.ToString(config[p.Name], CultureInfo.InvariantCulture));
                continue;
            }

            var axis = numericAxes[j];
            var x = Math.Min(Math.Max(Encode(p, config.GetDouble(p.Name)), axis[0]), axis[^1]);
            var i = 0;
            while (i < axis.Length - 2 && axis[i + 1] <= x)
            {
                i++;
            }

            lower[j] = i;
            weights[j] = (x - axis[i]) / (axis[i + 1] - axis[i]);
            numeric.Add(j);
        }

        var total = 0.0;
        var index = new int[k];
        for (var corner = 0; corner < 1 << numeric.Count; corner++)
        {
            Array.Copy(lower, index, k);
            var weight = 1.0;
            for (var b = 0; b < numeric.Count; b++)
            {
                var j = numeric[b];
                if (((corner >> b) & 1) == 1)
                {
                    index[j]++;
                    weight *= weights[j];
                }
                else
                {
                    weight *= 1.0 - weights[j];
                }
            }

            var flat = 0;
            for (var j = 0; j < k; j++)
            {
                flat = (flat * Math.Max(numericAxes[j].Length, categoricalAxes[j].Length)) + index[j];
            }

            total += weight * values[flat];
        }

        return total;
    }
}
