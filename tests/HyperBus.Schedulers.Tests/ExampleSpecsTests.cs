using HyperBus.Core.Scheduling;
using HyperBus.Core.Specs;
using HyperBus.Samplers;

namespace HyperBus.Schedulers.Tests;

/// <summary>Every spec in examples/ parses and builds its scheduler, so the examples cannot rot.</summary>
public sealed class ExampleSpecsTests
{
    private static readonly string[] SchedulerTypes = ["median", "percentile", "patience", "successive-halving", "hyperband", "asha", "bohb"];

    private static readonly SpecCatalogs Catalogs = new(SamplerCatalog.Default, SchedulerCatalog.Default, Trainers: null);

    public static TheoryData<string> Examples()
    {
        var data = new TheoryData<string>();
        foreach (var path in Directory.GetFiles(ExamplesDirectory(), "*.yaml").Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(path));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void The_example_parses_and_its_scheduler_builds(string file)
    {
        var spec = StudySpecParser.Parse(File.ReadAllText(Path.Combine(ExamplesDirectory(), file)), Catalogs);

        var scheduler = SchedulerCatalog.Default.Create(spec.Scheduler, spec.Fidelity, spec.Direction);
        Assert.NotNull(scheduler);
        Assert.Equal(Path.GetFileNameWithoutExtension(file), spec.Name);
    }

    [Fact]
    public void Every_scheduler_has_an_example_named_after_it_with_a_fidelity()
    {
        foreach (var type in SchedulerTypes)
        {
            var paths = Directory.GetFiles(ExamplesDirectory(), $"*-{type}.yaml");
            Assert.True(paths.Length > 0, $"no examples/*-{type}.yaml");
            foreach (var path in paths)
            {
                var text = File.ReadAllText(path);
                var spec = StudySpecParser.Parse(text, Catalogs);
                Assert.Equal(type, spec.Scheduler.Type);
                Assert.NotNull(spec.Fidelity);

                // BOHB brings its own sampler: a study that also names one is refused when it is created.
                Assert.Equal(type == "bohb", SchedulerCatalog.Default.Create(spec.Scheduler, spec.Fidelity, spec.Direction) is ISamplerOwningScheduler);
                Assert.Equal(type == "bohb", !text.Contains("\nsampler:", StringComparison.Ordinal));
            }
        }
    }

    private static string ExamplesDirectory()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "HyperBus.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine(dir?.FullName ?? throw new DirectoryNotFoundException("HyperBus.sln not found"), "examples");
    }
}
