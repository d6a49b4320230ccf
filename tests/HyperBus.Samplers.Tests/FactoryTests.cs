using System.Text.Json.Nodes;
using HyperBus.Core.Specs;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Tests;

/// <summary>The new samplers are in the catalog, and bad options are reported with their field path.</summary>
public sealed class FactoryTests
{
    [Theory]
    [InlineData("sobol")]
    [InlineData("tpe")]
    [InlineData("gp")]
    [InlineData("cmaes")]
    [InlineData("turbo")]
    [InlineData("auto")]
    public void The_catalog_builds_each_sampler(string type)
    {
        Assert.Contains(type, SamplerCatalog.Default.Types);
        var space = Core.Space.SearchSpace.Create([new Core.Space.FloatParameter("x", 0, 1)]);
        var sampler = SamplerCatalog.Default.Create(new ComponentSpec(type, new JsonObject { ["seed"] = 3 }), space, StudyDirection.Minimize);
        Assert.Single(sampler.Suggest(StudyHistory.View(space, []), 1));
    }

    [Theory]
    [InlineData("tpe", "nStartupTrials", -1)]
    [InlineData("tpe", "nEiCandidates", 0)]
    [InlineData("gp", "nStartupTrials", 20000)]
    [InlineData("cmaes", "sigma0", 5)]
    [InlineData("cmaes", "populationSize", 1)]
    [InlineData("turbo", "candidates", 0)]
    [InlineData("turbo", "initialLength", 0.001)]
    [InlineData("auto", "categoricalShare", 2)]
    [InlineData("auto", "lowDimensions", 0)]
    [InlineData("auto", "localTrials", -1)]
    [InlineData("auto", "localTrialsPerDimension", -1)]
    [InlineData("auto", "noisyTpeEvery", -1)]
    public void Out_of_range_options_name_the_field(string type, string field, double value)
    {
        var errors = new List<SpecError>();
        SamplerCatalog.Default.ValidateOptions(type, new SpecObjectReader(new JsonObject { [field] = value }, "sampler", errors), null);
        Assert.Contains(errors, e => e.Path == $"sampler.{field}");
    }

    [Fact]
    public void An_unknown_gp_batch_rule_names_the_field()
    {
        var errors = new List<SpecError>();
        SamplerCatalog.Default.ValidateOptions("gp", new SpecObjectReader(new JsonObject { ["batch"] = "krigingBeliever" }, "sampler", errors), null);
        Assert.Contains(errors, e => e.Path == "sampler.batch" && e.Problem.Contains("confidenceBounds", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("confidenceBounds")]
    [InlineData("fantasies")]
    [InlineData("constantLiar")]
    public void Every_gp_batch_rule_is_accepted(string rule)
    {
        var errors = new List<SpecError>();
        SamplerCatalog.Default.ValidateOptions("gp", new SpecObjectReader(new JsonObject { ["batch"] = rule }, "sampler", errors), null);
        Assert.Empty(errors);
    }

    [Fact]
    public void A_mistyped_option_is_an_error()
    {
        var errors = new List<SpecError>();
        SamplerCatalog.Default.ValidateOptions("tpe", new SpecObjectReader(new JsonObject { ["multivariate"] = "yes" }, "sampler", errors), null);
        Assert.Contains(errors, e => e.Path == "sampler.multivariate");
    }
}
