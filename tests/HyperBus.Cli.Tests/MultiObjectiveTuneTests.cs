using System.Text.Json;
using HyperBus.Core.Trials;
using HyperBus.Storage;
using HyperBus.Trainers.Functions;

namespace HyperBus.Cli.Tests;

/// <summary>A two-objective spec (ZDT1, NSGA-II) run by the saga end to end: both values stored, the Pareto front reported.</summary>
public sealed class MultiObjectiveTuneTests : IDisposable
{
    private readonly DirectoryInfo _dir = Directory.CreateTempSubdirectory("hyperbus-cli-mo-");

    private string Storage => Path.Combine(_dir.FullName, "studies.db");

    [Fact]
    public async Task Tune_stores_both_objectives_and_prints_the_pareto_front()
    {
        // One trial at a time: NSGA-II breeds from whichever earlier trials have finished, so with the example's 4 in
        // flight the front depends on the order they finish in; sequentially the seeded run is the same every time
        // (its 300 trials, 10 generations, reach a front of 13 trials spanning 0.81 of f1).
        var spec = Path.Combine(_dir.FullName, "zdt1-sequential.yaml");
        var example = File.ReadAllText(Path.Combine(CliProcess.RepoRoot, "examples", "zdt1-nsga2.yaml"));
        Assert.Contains("parallelism: 4", example, StringComparison.Ordinal);
        File.WriteAllText(spec, example.Replace("parallelism: 4", "parallelism: 1", StringComparison.Ordinal));
        var run = await CliProcess.RunAsync($"tune \"{spec}\" --json --storage \"{Storage}\"");

        Assert.True(run.ExitCode == 0, run.ToString());
        using var json = JsonDocument.Parse(run.Stdout);
        var root = json.RootElement;
        Assert.Equal(["minimize", "minimize"], root.GetProperty("directions").EnumerateArray().Select(d => d.GetString()));
        Assert.Equal(300, root.GetProperty("trials").GetProperty("completed").GetInt32());

        var trials = await StoredTrialsAsync("zdt1-nsga2");
        Assert.Equal(300, trials.Count);
        var zdt1 = ObjectivePairs.Zdt1(6);
        foreach (var trial in trials)
        {
            // Both objectives reached the store, and they are ZDT1's at the trial's point.
            var x = Enumerable.Range(0, 6).Select(i => trial.Params.GetDouble($"x{i}")).ToArray();
            var expected = zdt1.Evaluate(x);
            Assert.Equal(2, trial.Values!.Count);
            Assert.Equal(expected[0], trial.Values[0], 12);
            Assert.Equal(expected[1], trial.Values[1], 12);
            Assert.Equal(trial.Value, trial.Values[0]);
        }

        var front = NonDominated(trials);
        Assert.True(front.Count >= 5, $"a front of {front.Count} trial(s) is trivial");
        Assert.True(front.Max(t => t.Values![0]) - front.Min(t => t.Values![0]) > 0.3, "the front spans a range of f1");
        Assert.All(front, t => Assert.True(t.Values![1] >= zdt1.Front(t.Values[0]) - 1e-12, "nothing beats the true front"));

        var printed = root.GetProperty("paretoFront");
        Assert.Equal(front.Count, printed.GetProperty("size").GetInt32());
        var printedTrials = printed.GetProperty("trials").EnumerateArray().ToList();
        Assert.Equal(front.Select(t => t.Number).Order(), printedTrials.Select(t => t.GetProperty("trial").GetInt32()).Order());
        foreach (var p in printedTrials)
        {
            var stored = front.Single(t => t.Number == p.GetProperty("trial").GetInt32());
            Assert.Equal(stored.Values!, p.GetProperty("values").EnumerateArray().Select(v => v.GetDouble()).ToList());
            Assert.True(p.GetProperty("params").TryGetProperty("x5", out _));
        }
    }

    [Fact]
    public async Task Without_json_it_shows_the_front_as_a_table()
    {
        var run = await CliProcess.RunAsync($"tune examples/zdt1-nsga2.yaml --trials 40 --storage \"{Storage}\"");

        Assert.True(run.ExitCode == 0, run.ToString());
        Assert.Contains("Pareto front:", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("f1 (minimize)", run.Stdout, StringComparison.Ordinal);
        Assert.Contains("f2 (minimize)", run.Stdout, StringComparison.Ordinal); // the spec's metrics: [f1, f2] name the columns
        Assert.DoesNotContain("best trial", run.Stdout, StringComparison.Ordinal);
    }

    // Computed here from the definition, not with the library's code, so the two check each other.
    private static List<Trial> NonDominated(IReadOnlyList<Trial> trials)
    {
        var completed = trials.Where(t => t.State == TrialState.Completed).ToList();
        return [.. completed.Where(a => !completed.Any(b => Dominates(b.Values!, a.Values!)))];
    }

    private static bool Dominates(IReadOnlyList<double> a, IReadOnlyList<double> b) =>
        a[0] <= b[0] && a[1] <= b[1] && (a[0] < b[0] || a[1] < b[1]);

    private async Task<IReadOnlyList<Trial>> StoredTrialsAsync(string name)
    {
        using var store = new SqliteStudyStore(Storage);
        var study = await store.FindStudyAsync(name) ?? throw new InvalidOperationException($"no study {name}");
        return await store.LoadTrialsAsync(study.Id);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _dir.Delete(recursive: true);
    }
}
