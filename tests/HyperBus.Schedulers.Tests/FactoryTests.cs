using System.Text.Json.Nodes;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Asha;
using HyperBus.Schedulers.Hyperband;

namespace HyperBus.Schedulers.Tests;

/// <summary>The schedulers are in the catalog, and bad options are reported with their field path.</summary>
public sealed class FactoryTests
{
    [Theory]
    [InlineData("fifo")]
    [InlineData("median")]
    [InlineData("percentile", "{\"percentile\": 25}")]
    [InlineData("patience", "{\"patience\": 3}")]
    [InlineData("successive-halving")]
    [InlineData("hyperband")]
    [InlineData("asha")]
    public void The_catalog_validates_and_builds_each_scheduler(string type, string options = "{}")
    {
        Assert.Contains(type, SchedulerCatalog.Default.Types);
        Assert.Empty(Validate(type, options));
        var scheduler = SchedulerCatalog.Default.Create(new ComponentSpec(type, Parse(options)), null, StudyDirection.Minimize);
        Assert.NotNull(scheduler);
    }

    [Theory]
    [InlineData("successive-halving", "{\"reductionFactor\": 1}", "reductionFactor", "must be >= 2")]
    [InlineData("hyperband", "{\"reductionFactor\": 1}", "reductionFactor", "must be >= 2")]
    [InlineData("asha", "{\"reductionFactor\": 1}", "reductionFactor", "must be > 1")]
    [InlineData("successive-halving", "{\"minResource\": \"soon\"}", "minResource", "must be 'auto' or a number > 0")]
    [InlineData("successive-halving", "{\"minEarlyStoppingRate\": -1}", "minEarlyStoppingRate", "must be >= 0")]
    [InlineData("median", "{\"nStartupTrials\": -1}", "nStartupTrials", "must be >= 0")]
    [InlineData("median", "{\"intervalSteps\": 0}", "intervalSteps", "must be >= 1")]
    [InlineData("median", "{\"nMinTrials\": 1.5}", "nMinTrials", "must be an integer")]
    [InlineData("percentile", "{}", "percentile", "is required")]
    [InlineData("percentile", "{\"percentile\": 100}", "percentile", "must be < 100")]
    [InlineData("percentile", "{\"percentile\": 0}", "percentile", "must be > 0")]
    [InlineData("patience", "{}", "patience", "is required")]
    [InlineData("patience", "{\"patience\": 2, \"minDelta\": -1}", "minDelta", "must be >= 0")]
    [InlineData("hyperband", "{\"minResource\": 100, \"maxResource\": 10}", "minResource", "must keep minResource")]
    [InlineData("asha", "{\"gracePeriod\": 50, \"maxT\": 10}", "gracePeriod", "must keep gracePeriod")]
    [InlineData("asha", "{\"brackets\": 0}", "brackets", "must be >= 1")]
    public void Bad_options_name_the_field(string type, string options, string field, string problem)
    {
        var errors = Validate(type, options);
        Assert.Contains(errors, e => e.Path == $"scheduler.{field}" && e.Problem.StartsWith(problem, StringComparison.Ordinal));
    }

    [Fact]
    public void A_misspelt_option_is_left_unread_so_the_parser_rejects_it()
    {
        var errors = new List<SpecError>();
        var reader = new SpecObjectReader(Parse("{\"reduction_factor\": 3}"), "scheduler", errors);
        SchedulerCatalog.Default.ValidateOptions("hyperband", reader, null);
        reader.RejectUnknown();
        Assert.Contains(errors, e => e.Path == "scheduler.reduction_factor");
    }

    [Fact]
    public void The_fidelity_supplies_the_resources_left_unset()
    {
        var fidelity = new FidelitySpec("epochs", 2, 54);
        var hyperband = (HyperbandScheduler)SchedulerCatalog.Default.Create(new ComponentSpec("hyperband", []), fidelity, StudyDirection.Minimize);
        var asha = (AshaScheduler)SchedulerCatalog.Default.Create(new ComponentSpec("asha", []), fidelity, StudyDirection.Minimize);
        Assert.Equal(54.0, hyperband.BudgetForNewTrial(History.View([])));
        Assert.Equal(4, hyperband.Plan(History.View([]))!.BracketCount);
        Assert.Equal(54.0, asha.BudgetForNewTrial(History.View([])));
        Assert.Equal(2.0, asha.Brackets[0].Milestones[0]);
    }

    [Fact]
    public void A_fidelity_that_contradicts_explicit_options_is_refused_on_create()
    {
        var spec = new ComponentSpec("hyperband", Parse("{\"minResource\": 100}"));
        var e = Assert.Throws<SpecException>(() => SchedulerCatalog.Default.Create(spec, new FidelitySpec("epochs", 1, 10), StudyDirection.Minimize));
        Assert.Contains(e.Errors, x => x.Path == "scheduler.minResource");
    }

    [Fact]
    public void Options_the_factory_would_refuse_are_refused_by_the_constructors_too()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new AshaScheduler(new AshaSchedulerOptions(ReductionFactor: 1)));
        Assert.Throws<ArgumentOutOfRangeException>(() => new HyperbandScheduler(new HyperbandSchedulerOptions(MinResource: 0)));
        Assert.Throws<ArgumentOutOfRangeException>(
            () => new SuccessiveHalving.SuccessiveHalvingScheduler(new SuccessiveHalving.SuccessiveHalvingSchedulerOptions(Common.ResourceOption.Fixed(1), 1)));
    }

    private static List<SpecError> Validate(string type, string options)
    {
        var errors = new List<SpecError>();
        SchedulerCatalog.Default.ValidateOptions(type, new SpecObjectReader(Parse(options), "scheduler", errors), null);
        return errors;
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}
