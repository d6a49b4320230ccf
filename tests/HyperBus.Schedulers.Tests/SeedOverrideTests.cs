using HyperBus.Core.Specs;
using HyperBus.Samplers;

namespace HyperBus.Schedulers.Tests;

/// <summary><c>--seed</c> goes to the component that samples: the sampler, or a scheduler that brings its own.</summary>
public sealed class SeedOverrideTests
{
    private static readonly SpecCatalogs Catalogs = new(SamplerCatalog.Default, SchedulerCatalog.Default, Trainers: null);

    private const string Head = """
        study: s
        trials: 9
        trainer: function
        fidelity: { name: epochs, min: 1, max: 9 }
        space: { x: { type: float, low: 0, high: 1 } }

        """;

    [Theory]
    [InlineData("scheduler: { type: bohb }")]
    [InlineData("scheduler: bohb")]
    [InlineData("scheduler: { type: pbt, populationSize: 4 }")]
    public void A_scheduler_that_brings_its_own_sampler_gets_the_seed_and_no_sampler_is_added(string scheduler)
    {
        var spec = StudySpecParser.Parse(Head + scheduler, Catalogs, new SpecOverrides(Seed: 42));

        Assert.Equal(42, spec.Scheduler.Seed);
        Assert.False(spec.Document.TryGetProperty("sampler", out _));
    }

    [Fact]
    public void Otherwise_the_seed_goes_to_the_sampler()
    {
        var spec = StudySpecParser.Parse(Head + "scheduler: { type: asha }", Catalogs, new SpecOverrides(Seed: 42));

        Assert.Equal(42, spec.Sampler.Seed);
        Assert.Null(spec.Scheduler.Seed);
    }
}
