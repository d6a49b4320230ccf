using System.Text.Json.Nodes;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Pbt;

namespace HyperBus.Schedulers.Tests.Pbt;

public sealed class PbtSchedulerFactoryTests
{
    private static readonly FidelitySpec Epochs = new("epochs", 3, 12);

    [Fact]
    public void The_fidelity_gives_the_interval_and_the_total_budget()
    {
        var scheduler = Assert.IsType<PbtScheduler>(SchedulerCatalog.Default.Create(new ComponentSpec("pbt", new JsonObject { ["populationSize"] = 5 }), Epochs, StudyDirection.Maximize));
        Assert.Equal(3, scheduler.Options.PerturbationInterval);
        Assert.Equal(12, scheduler.Options.MaxBudget);
        var sampler = Assert.IsType<PbtSampler>(scheduler.CreateSampler(PbtPopulation.Space));
        Assert.Equal(5, sampler.PopulationSize);
        Assert.Equal(20, sampler.Size);
        // Trials are never interrupted: decisions are taken between generations.
        Assert.Equal(SchedulerAction.Continue, scheduler.OnReport(PbtPopulation.View([]), PbtPopulation.Finished(0, new Core.Sampling.TrialPlan(Core.Space.ParameterSet.Empty), TrialState.Running, 1), new TrialReport(1, 1)).Action);
    }

    [Fact]
    public void A_study_without_a_fidelity_is_rejected_naming_the_field()
    {
        var error = Assert.Throws<SpecException>(() => SchedulerCatalog.Default.Create(new ComponentSpec("pbt", []), null, StudyDirection.Minimize));
        Assert.Contains(error.Errors, e => e.Path == "fidelity");
    }

    [Fact]
    public void An_interval_beyond_the_fidelity_max_is_rejected()
    {
        var error = Assert.Throws<SpecException>(() => SchedulerCatalog.Default.Create(new ComponentSpec("pbt", new JsonObject { ["perturbationInterval"] = 20 }), Epochs, StudyDirection.Minimize));
        Assert.Contains(error.Errors, e => e.Path == "scheduler.perturbationInterval");
    }

    [Theory]
    [InlineData("populationSize", 1)]
    [InlineData("perturbationInterval", 0)]
    [InlineData("quantileFraction", 0.75)]
    [InlineData("resampleProbability", 1.5)]
    public void Bad_options_name_the_field(string field, double value)
    {
        var errors = new List<SpecError>();
        SchedulerCatalog.Default.ValidateOptions("pbt", new SpecObjectReader(new JsonObject { [field] = value }, "scheduler", errors), null);
        Assert.Contains(errors, e => e.Path == $"scheduler.{field}");
    }
}
