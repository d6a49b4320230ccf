using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Samplers;
using HyperBus.Schedulers;

namespace HyperBus.Client.Tests;

/// <summary>The spec side of issue 10: <c>directions:</c> and <c>enqueue:</c>.</summary>
public sealed class SpecTests
{
    private static readonly SpecCatalogs Catalogs = new(SamplerCatalog.Default, SchedulerCatalog.Default, null);

    private const string Space = """
        space:
          C: { type: float, low: 0.001, high: 1000, log: true }
          kernel: { choices: [rbf, linear] }
          gamma: { type: float, low: 0.0001, high: 1, log: true, when: { kernel: rbf } }
          layers: { type: int, low: 1, high: 4 }
        """;

    [Fact]
    public void Two_directions_default_to_nsga2()
    {
        var spec = StudySpecParser.Parse($"study: mo\ntrials: 10\ntrainer: function\ndirections: [maximize, minimize]\n{Space}", Catalogs);
        Assert.Equal([StudyDirection.Maximize, StudyDirection.Minimize], spec.Directions);
        Assert.Equal(StudyDirection.Maximize, spec.Direction);
        Assert.Equal("nsga2", spec.Sampler.Type);
    }

    [Fact]
    public void One_direction_keeps_the_old_defaults()
    {
        var spec = StudySpecParser.Parse($"study: so\ntrials: 10\ntrainer: function\ndirection: maximize\n{Space}", Catalogs);
        Assert.Equal([StudyDirection.Maximize], spec.Directions);
        Assert.Equal("auto", spec.Sampler.Type);
        Assert.Empty(spec.Enqueue);
    }

    [Fact]
    public void Bad_directions_are_named()
    {
        var e = Assert.Throws<SpecException>(() => StudySpecParser.Parse($"study: x\ntrials: 1\ntrainer: f\ndirection: minimize\ndirections: [up, minimize]\n{Space}", Catalogs));
        Assert.Contains(e.Errors, x => x.Path == "directions[0]" && x.Problem.Contains("'up'", StringComparison.Ordinal));
        Assert.Contains(e.Errors, x => x.Path == "directions" && x.Problem.Contains("not both", StringComparison.Ordinal));
    }

    [Fact]
    public void Enqueued_configurations_are_read_in_order_and_normalised()
    {
        var spec = StudySpecParser.Parse($"""
            study: warm
            trials: 10
            trainer: function
            {Space}
            enqueue:
              - {"{"} C: 1.5, kernel: rbf, gamma: 0.01, layers: 2 {"}"}
              - {"{"} C: 10, kernel: linear, layers: 3 {"}"}
            """, Catalogs);
        Assert.Equal(2, spec.Enqueue.Count);
        Assert.Equal("C=1.5, gamma=0.01, kernel=rbf, layers=2", spec.Enqueue[0].ToString());
        Assert.IsType<double>(spec.Enqueue[1]["C"]);
        Assert.IsType<long>(spec.Enqueue[1]["layers"]);
    }

    [Fact]
    public void Every_bad_enqueued_value_is_named_with_its_path()
    {
        var e = Assert.Throws<SpecException>(() => StudySpecParser.Parse($$"""
            study: warm
            trials: 10
            trainer: function
            {{Space}}
            enqueue:
              - { C: 5000, kernel: rbf, gamma: 0.01, layers: 2 }
              - { C: 1, kernel: linear, gamma: 0.1, layers: 2.5 }
              - { C: 1, kernel: poly, layers: 1, depth: 3 }
              - 7
            """, Catalogs));
        var paths = e.Errors.Select(x => x.Path).ToList();
        Assert.Contains("enqueue[0].C", paths);
        Assert.Contains("enqueue[1].gamma", paths);
        Assert.Contains("enqueue[1].layers", paths);
        Assert.Contains("enqueue[2].kernel", paths);
        Assert.Contains("enqueue[2].depth", paths);
        Assert.Contains("enqueue[3]", paths);
    }
}
