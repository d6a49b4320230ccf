// Parameter importances of HyperBus (fANOVA on its own random forest) on the CSV data sets bench/importance/data.py
// writes: columns x0..x(d-1) in [0, 1] and y; one JSON line per file with the importances and the time taken.
using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperBus.Reporting.Importance;

if (args.Length < 2)
{
    Console.Error.WriteLine("usage: HyperBus.Bench.Importance OUT.jsonl FILE.csv...");
    return 2;
}

await using var output = new StreamWriter(args[0]);
foreach (var file in args.Skip(1))
{
    var lines = File.ReadAllLines(file);
    var header = lines[0].Split(',');
    var names = header[..^1];
    var rows = lines.Skip(1).Select(l => l.Split(',').Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray()).ToList();
    var x = rows.Select(r => r[..^1]).ToList();
    var y = rows.Select(r => r[^1]).ToList();
    var seed = int.Parse(Path.GetFileNameWithoutExtension(file).Split("-seed")[1], CultureInfo.InvariantCulture);
    var clock = Stopwatch.StartNew();
    var importances = ImportanceAnalysis.Compute(names, x, y, seed);
    var ms = clock.Elapsed.TotalMilliseconds;
    await output.WriteLineAsync(JsonSerializer.Serialize(new
    {
        side = "hyperbus",
        file = Path.GetFileName(file),
        importances = importances.ToDictionary(i => i.Parameter, i => i.Importance),
        ms,
    }));
    Console.Error.WriteLine($"hyperbus {Path.GetFileName(file)}: {ms:F0} ms");
}

return 0;
