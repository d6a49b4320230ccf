using System.Diagnostics;
using HyperBus.Cli.Running;
using HyperBus.Core.Specs;

namespace HyperBus.Cli.Tests.Fuzzing;

/// <summary>
/// 10,000 seeded mutations of the example specs: each is accepted or refused with field errors (exit 0 or 2),
/// within 5 s and 200 MB, never a crash. Most run in process through what <c>tune --dry-run</c> runs; a sample
/// runs the real command.
/// </summary>
public sealed class SpecFuzzTests
{
    private const int Mutations = 10_000;
    private const int ProcessSample = 20;
    private const long MaxAllocatedBytes = 200L << 20;
    private static readonly TimeSpan MaxTime = TimeSpan.FromSeconds(5);

    // Most examples name Python trainers: a host on RabbitMQ accepts any trainer kind, so the fuzzer does too.
    private static readonly IReadOnlyCollection<string>? Trainers = null;

    [Fact]
    public void Every_mutated_spec_is_accepted_or_refused_with_field_errors()
    {
        var examples = Examples();
        var findings = new List<string>();
        var refused = 0;
        for (var seed = 0; seed < Mutations && findings.Count < 5; seed++)
        {
            var (name, text) = Mutant(examples, seed);
            var allocated = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            try
            {
                var spec = StudySpecParser.Parse(text, Catalogs.For(Trainers));
                StudyPlan.Describe(spec, Trainers);
            }
            catch (SpecException e) when (e.Errors.Count > 0 && e.Errors.All(x => x.Path.Length > 0 && x.Problem.Length > 0))
            {
                refused++;
            }
            catch (Exception e)
            {
                findings.Add($"seed {seed} ({name}): {e.GetType().Name}: {e.Message}\n{string.Join("\n", (e.StackTrace ?? "").Split("\n").Take(4))}\n{Excerpt(text)}");
                continue;
            }

            var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
            if (clock.Elapsed > MaxTime || bytes > MaxAllocatedBytes)
            {
                findings.Add($"seed {seed} ({name}): took {clock.Elapsed.TotalSeconds:F1} s and {bytes >> 20} MB\n{Excerpt(text)}");
            }
        }

        Assert.True(findings.Count == 0, string.Join("\n\n", findings));
        // A fuzzer whose mutants all pass (or all fail) tests nothing: both outcomes must be common.
        Assert.InRange(refused, Mutations / 10, Mutations - (Mutations / 20));
    }

    [Fact]
    public async Task A_sample_of_mutated_specs_exits_0_or_2_from_the_real_command()
    {
        var examples = Examples();
        var dir = Directory.CreateTempSubdirectory("hyperbus-spec-fuzz-");
        try
        {
            var findings = new List<string>();
            // A seed range of its own, so the sample is not the in-process run's first cases again.
            for (var seed = 1_000_000; seed < 1_000_000 + ProcessSample; seed++)
            {
                var (name, text) = Mutant(examples, seed);
                var file = Path.Combine(dir.FullName, "spec.yaml");
                await File.WriteAllTextAsync(file, text);
                var clock = Stopwatch.StartNew();
                // The GC's hard limit makes going past 200 MB an out-of-memory crash the exit code shows.
                var run = await CliProcess.RunAsync(
                    $"tune \"{file}\" --dry-run --transport rabbitmq --rabbitmq amqp://fuzz.invalid/ --storage \"{Path.Combine(dir.FullName, "s.db")}\"",
                    TimeSpan.FromSeconds(30),
                    new Dictionary<string, string> { ["DOTNET_GCHeapHardLimit"] = "0xC800000" });
                if (run.ExitCode is not (0 or 2) || run.Stderr.Contains("   at ", StringComparison.Ordinal) || clock.Elapsed > MaxTime)
                {
                    findings.Add($"seed {seed} ({name}): exit {run.ExitCode} after {clock.Elapsed.TotalSeconds:F1} s\n{run.Stderr}\n{Excerpt(text)}");
                }

                if (File.Exists(Path.Combine(dir.FullName, "s.db")))
                {
                    findings.Add($"seed {seed} ({name}): a dry run created the store");
                }
            }

            Assert.True(findings.Count == 0, string.Join("\n\n", findings));
        }
        finally
        {
            dir.Delete(recursive: true);
        }
    }

    private static (string Name, string Text) Mutant(IReadOnlyList<(string Name, string Text)> examples, int seed)
    {
        var (name, text) = examples[seed % examples.Count];
        return (name, SpecMutator.Mutate(text, seed));
    }

    private static List<(string Name, string Text)> Examples() =>
        Directory.GetFiles(Path.Combine(CliProcess.RepoRoot, "examples"), "*.yaml")
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetFileName(f), File.ReadAllText(f)))
            .ToList();

    private static string Excerpt(string text) => text.Length <= 600 ? text : text[..600] + "...";
}
