using HyperBus.Tests.Shared;

namespace HyperBus.Core.Tests;

/// <summary>Each bad input gives an error naming the field path and the problem, never a crash.</summary>
public sealed class BadSpecTests
{
    public static TheoryData<string, string, string> Cases() => BadSpecCases.All();

    [Theory]
    [MemberData(nameof(Cases))]
    public void Bad_input_is_reported_with_its_field(string because, string yaml, string expected)
    {
        var errors = SpecParsing.Errors(yaml);
        Assert.True(errors.Any(e => e.ToString().Contains(expected, StringComparison.Ordinal)),
            $"{because}: expected an error containing \"{expected}\" but got:\n{string.Join("\n", errors)}");
    }

    [Fact]
    public void Every_problem_is_reported_at_once_not_only_the_first()
    {
        var errors = SpecParsing.Errors("study: s\ntrials: 0\ntrainer: nope\nspace: { x: { type: float, low: 3, high: 1 } }");
        Assert.Contains(errors, e => e.Path == "trials");
        Assert.Contains(errors, e => e.Path == "trainer");
        Assert.Contains(errors, e => e.Path == "space.x.low");
    }

    [Theory]
    [InlineData("0")]
    [InlineData("many")]
    [InlineData("-3")]
    public void A_bad_trials_value_is_one_error_not_also_a_missing_one(string trials)
    {
        var errors = SpecParsing.Errors($"study: s\ntrials: {trials}\ntrainer: function\nspace: {{ x: {{ type: float, low: 0, high: 1 }} }}");

        Assert.Single(errors, e => e.Path == "trials");
    }

    [Fact]
    public void A_grid_at_the_size_limit_is_accepted_and_one_past_it_is_not()
    {
        const string head = "study: s\ntrainer: function\nsampler: grid\nspace:\n  a: { type: int, low: 1, high: 1000 }\n";

        Assert.Equal("grid", SpecParsing.Parse(head + "  b: { type: int, low: 1, high: 1000 }\n").Sampler.Type);
        Assert.Contains(SpecParsing.Errors(head + "  b: { type: int, low: 1, high: 1001 }\n"), e => e.Path == "space" && e.Problem.Contains("more than 1000000", StringComparison.Ordinal));
    }

    [Fact]
    public void A_grid_whose_branches_stay_under_the_limit_is_accepted_although_the_product_is_over_it()
    {
        // 2 x 1000 x 1000 as a product, but b and c live on different branches: 1000 + 1000 points.
        var spec = SpecParsing.Parse("study: s\ntrainer: function\nsampler: grid\nspace:\n  k: { choices: [x, y] }\n  b: { type: int, low: 0, high: 999, when: { k: x } }\n  c: { type: int, low: 0, high: 999, when: { k: y } }\n");

        Assert.Equal(3, spec.Space.Parameters.Count);
    }

    [Fact]
    public void Aliases_within_the_bounds_still_work()
    {
        var spec = SpecParsing.Parse("study: s\ntrials: 5\ntrainer: function\nfixed: { a: &v [1, 2, 3], b: *v }\nspace: { x: { type: float, low: 0, high: 1 } }");

        Assert.Equal(spec.Fixed["a"].GetRawText(), spec.Fixed["b"].GetRawText());
    }

    [Fact]
    public void Nesting_at_the_depth_limit_is_accepted()
    {
        // The root mapping and fixed's mapping are 2 levels; 30 lists reach the limit of 32.
        var spec = SpecParsing.Parse("study: s\ntrials: 5\ntrainer: function\nfixed: { deep: " + new string('[', 30) + "1" + new string(']', 30) + " }\nspace: { x: { type: float, low: 0, high: 1 } }");

        Assert.True(spec.Fixed.ContainsKey("deep"));
    }
}
