using System.Text.Json.Nodes;
using HyperBus.Core.Scheduling;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Bohb;
using HyperBus.Schedulers.Common;
using HyperBus.Schedulers.Hyperband;
using static HyperBus.Schedulers.Tests.History;

namespace HyperBus.Schedulers.Tests.Bohb;

/// <summary>BOHB stops as Hyperband does, brings its own sampler, and its options are checked by field.</summary>
public sealed class BohbSchedulerTests
{
    private static readonly BohbSchedulerOptions Options = new(1, ResourceOption.Fixed(81), 3, Seed: 7);

    [Fact]
    public void Stopping_decisions_are_those_of_hyperband_with_the_same_brackets()
    {
        var bohb = new BohbScheduler(Options);
        var hyperband = new HyperbandScheduler(new HyperbandSchedulerOptions(1, ResourceOption.Fixed(81), 3, Seed: 7));
        var random = new Random(5);
        var peers = Enumerable.Range(0, 60).Select(n => Completed(n, [.. Enumerable.Range(1, 30).Select(s => random.NextDouble() + (1.0 / s))])).ToList();
        var stops = 0;
        for (var n = 60; n < 100; n++)
        {
            var curve = Enumerable.Range(1, 30).Select(s => random.NextDouble() + (1.0 / s)).ToArray();
            for (var k = 1; k <= curve.Length; k++)
            {
                var trial = Running(n, curve[..k]);
                var expected = Decide(hyperband, peers, trial);
                Assert.Equal(expected, Decide(bohb, peers, trial));
                stops += expected == SchedulerAction.Stop ? 1 : 0;
            }
        }

        Assert.True(stops > 0);
        Assert.Equal(81.0, bohb.BudgetForNewTrial(View([])));
    }

    [Fact]
    public void A_trial_that_spent_its_whole_budget_completes_where_hyperband_would_prune_it()
    {
        var options = new BohbSchedulerOptions(1, ResourceOption.Fixed(9), 3, Seed: 7);
        var hyperband = new HyperbandScheduler(new HyperbandSchedulerOptions(1, ResourceOption.Fixed(9), 3, Seed: 7));
        var plan = hyperband.Plan(View([]))!;
        var lastBracket = Enumerable.Range(0, 400).Where(n => plan.BracketOf(n, 7) == 2).ToList();
        var peers = lastBracket.Take(5).Select(n => CompletedAt(n, 9, 0.1)).ToList();
        var trial = RunningAt(lastBracket[^1], 9, 5);
        Assert.Equal(SchedulerAction.Stop, Decide(hyperband, peers, trial));
        Assert.Equal(SchedulerAction.Continue, Decide(new BohbScheduler(options), peers, trial));
    }

    [Fact]
    public void It_brings_its_own_sampler()
    {
        var bohb = SchedulerCatalog.Default.Create(new ComponentSpec("bohb", []), new FidelitySpec("epochs", 1, 27), StudyDirection.Maximize);
        var owner = Assert.IsAssignableFrom<ISamplerOwningScheduler>(bohb);
        Assert.IsType<BohbSampler>(owner.CreateSampler(BohbHistory.Space));
        Assert.Equal(27.0, bohb.BudgetForNewTrial(View([])));
    }

    [Fact]
    public void The_catalog_reads_every_option()
    {
        var spec = new ComponentSpec("bohb", Parse(
            "{\"minResource\": 2, \"maxResource\": 54, \"reductionFactor\": 2, \"seed\": 4, \"randomFraction\": 0.5, \"bandwidthFactor\": 2," +
            " \"topNPercent\": 20, \"numSamples\": 16, \"minPointsInModel\": 4, \"minBandwidth\": 0.01}"));
        Assert.Empty(Validate(spec.Options));
        var o = ((BohbScheduler)SchedulerCatalog.Default.Create(spec, null, StudyDirection.Minimize)).Options;
        Assert.Equal(new BohbSchedulerOptions(2, ResourceOption.Fixed(54), 2, 4, 0.5, 2, 20, 16, 4, 0.01), o);
        Assert.Equal(new BohbSchedulerOptions(MaxResource: ResourceOption.Auto), ((BohbScheduler)SchedulerCatalog.Default.Create(new ComponentSpec("bohb", []), null, StudyDirection.Minimize)).Options);
    }

    [Theory]
    [InlineData("{\"reductionFactor\": 1}", "reductionFactor", "must be >= 2")]
    [InlineData("{\"randomFraction\": 1.5}", "randomFraction", "must be <= 1")]
    [InlineData("{\"randomFraction\": -0.1}", "randomFraction", "must be >= 0")]
    [InlineData("{\"bandwidthFactor\": 0}", "bandwidthFactor", "must be > 0")]
    [InlineData("{\"topNPercent\": 100}", "topNPercent", "must be < 100")]
    [InlineData("{\"numSamples\": 0}", "numSamples", "must be >= 1")]
    [InlineData("{\"minPointsInModel\": 0.5}", "minPointsInModel", "must be an integer")]
    [InlineData("{\"minBandwidth\": 0}", "minBandwidth", "must be > 0")]
    [InlineData("{\"minResource\": 100, \"maxResource\": 10}", "minResource", "must keep minResource")]
    public void Bad_options_name_the_field(string options, string field, string problem)
    {
        var errors = Validate(Parse(options));
        Assert.Contains(errors, e => e.Path == $"scheduler.{field}" && e.Problem.StartsWith(problem, StringComparison.Ordinal));
    }

    private static List<SpecError> Validate(JsonObject options)
    {
        var errors = new List<SpecError>();
        SchedulerCatalog.Default.ValidateOptions("bohb", new SpecObjectReader(options, "scheduler", errors), null);
        return errors;
    }

    private static JsonObject Parse(string json) => JsonNode.Parse(json)!.AsObject();
}

public sealed class BohbContract : SchedulerContractTests
{
    protected override IScheduler Create() => new BohbScheduler(new BohbSchedulerOptions(1, ResourceOption.Fixed(27), 3, Seed: 5));
}
