using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using HyperBus;
using HyperBus.Core.Trials;

// The library's per-trial cost (issue 16): Study.OptimizeAsync with the random sampler and a trivial objective,
// so the figure is orchestration, not search. After a warm-up study (JIT), runs `repeats` fresh studies of `trials`
// trials one after another and writes one JSON line per study on stdout.
//   HyperBus.Bench.Library --trials 10000 [--repeats 3] [--store memory|sqlite] [--seed 0] [--warmup 500] [--settle]
// Back to back (the default), a study pays the collections its allocation triggers, including those for garbage an
// earlier study left, so the mean over the studies is the amortised cost. With --settle a full collection runs before
// each timed study (untimed), so every study starts from the same heap: a short study then pays no collection at all.
var trials = int.Parse(Option("trials", "1000"), CultureInfo.InvariantCulture);
var repeats = int.Parse(Option("repeats", "1"), CultureInfo.InvariantCulture);
var storage = Option("store", "memory");
var seed = int.Parse(Option("seed", "0"), CultureInfo.InvariantCulture);
var warmup = int.Parse(Option("warmup", "500"), CultureInfo.InvariantCulture);
var settle = args.Contains("--settle");
var folder = Path.Combine(Path.GetTempPath(), $"hyperbus-bench-library-{Environment.ProcessId}");

try
{
    await RunAsync("warmup", warmup);
    for (var r = 0; r < repeats; r++)
    {
        if (settle)
        {
            GC.Collect();
            GC.WaitForPendingFinalizers();
            GC.Collect();
        }

        var gcBefore = (Gen0: GC.CollectionCount(0), Gen1: GC.CollectionCount(1), Gen2: GC.CollectionCount(2), Pause: GC.GetTotalPauseDuration());
        var allocated = GC.GetTotalAllocatedBytes(precise: false);
        var watch = Stopwatch.StartNew();
        await RunAsync($"measured-{r}", trials);
        var ms = watch.Elapsed.TotalMilliseconds;
        Console.WriteLine(JsonSerializer.Serialize(new
        {
            library = "hyperbus",
            store = storage,
            sampler = "random",
            mode = settle ? "settled" : "back-to-back",
            trials,
            seconds = ms / 1000,
            ms_per_trial = ms / trials,
            allocated_bytes_per_trial = (GC.GetTotalAllocatedBytes(precise: false) - allocated) / trials,
            gc_gen0 = GC.CollectionCount(0) - gcBefore.Gen0,
            gc_gen1 = GC.CollectionCount(1) - gcBefore.Gen1,
            gc_gen2 = GC.CollectionCount(2) - gcBefore.Gen2,
            gc_pause_ms = (GC.GetTotalPauseDuration() - gcBefore.Pause).TotalMilliseconds,
        }));
    }
}
finally
{
    if (Directory.Exists(folder))
    {
        Directory.Delete(folder, recursive: true);
    }
}

async Task RunAsync(string name, int count)
{
    var options = new StudyOptions { Sampler = "random", Seed = seed, Storage = storage == "sqlite" ? Path.Combine(folder, $"{name}.db") : null };
    using var study = await Study.CreateAsync(name, StudyDirection.Minimize, options);
    await study.OptimizeAsync(trial =>
    {
        var x = trial.SuggestFloat("x", -10, 10);
        var y = trial.SuggestFloat("y", -10, 10);
        return Task.FromResult((x * x) + (y * y));
    }, count);
}

string Option(string name, string fallback)
{
    var i = Array.IndexOf(args, $"--{name}");
    return i >= 0 && i + 1 < args.Length ? args[i + 1] : fallback;
}
