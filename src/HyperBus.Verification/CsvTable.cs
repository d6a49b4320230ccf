using System.Globalization;

namespace HyperBus.Verification;

/// <summary>Rows of numbers from a CSV file with a header row; a column named <c>label</c> holds the class, the rest are features.</summary>
public sealed class CsvTable
{
    public const string LabelHeader = "label";

    private CsvTable(IReadOnlyList<string> featureNames, float[][] features, long[]? labels)
    {
        FeatureNames = featureNames;
        Features = features;
        Labels = labels;
    }

    public IReadOnlyList<string> FeatureNames { get; }

    public float[][] Features { get; }

    /// <summary>The class of each row, or null when the file has no <c>label</c> column.</summary>
    public long[]? Labels { get; }

    public int RowCount => Features.Length;

    /// <summary>Reads <paramref name="path"/>; a bad cell is an <see cref="FormatException"/> naming the line and column.</summary>
    public static CsvTable Read(string path)
    {
        using var reader = new StreamReader(path);
        var header = reader.ReadLine()?.Split(',').Select(h => h.Trim()).ToArray();
        if (header is null || header.Length == 0 || header.All(h => h.Length == 0))
        {
            throw new FormatException($"{path}: the first line must be a header of column names");
        }

        var labelColumn = Array.IndexOf(header, LabelHeader);
        var names = header.Where((_, i) => i != labelColumn).ToList();
        var features = new List<float[]>();
        var labels = labelColumn >= 0 ? new List<long>() : null;
        var lineNumber = 1;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var cells = line.Split(',');
            if (cells.Length != header.Length)
            {
                throw new FormatException($"{path} line {lineNumber}: {cells.Length} values, but the header names {header.Length} columns");
            }

            var row = new float[names.Count];
            var k = 0;
            for (var c = 0; c < cells.Length; c++)
            {
                if (!double.TryParse(cells[c], NumberStyles.Float, CultureInfo.InvariantCulture, out var value))
                {
                    throw new FormatException($"{path} line {lineNumber}, column '{header[c]}': '{cells[c]}' is not a number");
                }

                if (c == labelColumn)
                {
                    labels!.Add((long)value);
                }
                else
                {
                    row[k++] = (float)value;
                }
            }

            features.Add(row);
        }

        if (features.Count == 0)
        {
            throw new FormatException($"{path}: no data rows");
        }

        return new CsvTable(names, [.. features], labels?.ToArray());
    }
}
