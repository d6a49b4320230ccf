using HyperBus.Core.Space;
using HyperBus.Core.Specs;

namespace HyperBus.Core.Tests;

public sealed class SearchSpaceTests
{
    [Fact]
    public void Float_on_a_log_scale_maps_through_log_space_and_back()
    {
        var p = new FloatParameter("C", 1e-3, 1e3, log: true);
        Assert.Equal(Math.Log(1e-3), p.InternalLow, 12);
        Assert.Equal(1.0, (double)p.FromInternal(0.0), 12);
        Assert.Equal(1e3, (double)p.FromInternal(100.0), 9); // clipped to high
    }

    [Fact]
    public void Float_with_a_step_rounds_onto_the_step_grid()
    {
        var p = new FloatParameter("x", 0, 1, step: 0.25);
        Assert.Equal(0.5, p.FromInternal(0.55));
        Assert.True(p.Contains(0.75));
        Assert.False(p.Contains(0.7));
        Assert.False(p.Contains(1.25));
    }

    [Fact]
    public void Int_rounds_to_its_step_and_stays_within_bounds()
    {
        var p = new IntParameter("n", 20, 300, step: 10);
        Assert.Equal(20L, p.FromInternal(-5));
        Assert.Equal(300L, p.FromInternal(1000));
        Assert.Equal(150L, p.FromInternal(148));
        Assert.Equal(29, p.Count);
        Assert.True(p.Contains(30L));
        Assert.False(p.Contains(35L));
        Assert.False(p.Contains(30.0)); // an int parameter holds integers
    }

    [Fact]
    public void Categorical_compares_numbers_by_value()
    {
        var p = new CategoricalParameter("k", ["rbf", 3L, true]);
        Assert.Equal(1, p.IndexOf(3.0));
        Assert.True(p.Contains(true));
        Assert.False(p.Contains("poly"));
    }

    [Fact]
    public void Conditional_parameters_are_built_only_when_their_parent_allows()
    {
        var space = SearchSpace.Create(
        [
            new CategoricalParameter("kernel", ["linear", "poly"]),
            new IntParameter("degree", 2, 5, condition: new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["kernel"] = ["poly"] })),
        ]);

        var linear = space.Build((p, _) => p is CategoricalParameter ? "linear" : 3L);
        var poly = space.Build((p, _) => p is CategoricalParameter ? "poly" : 3L);

        Assert.False(linear.ContainsKey("degree"));
        Assert.Equal(3L, poly["degree"]);
        Assert.Empty(space.Validate(linear));
        Assert.Empty(space.Validate(poly));
    }

    [Fact]
    public void Validate_names_missing_inactive_unknown_and_out_of_range_values()
    {
        var space = SearchSpace.Create(
        [
            new CategoricalParameter("kernel", ["linear", "poly"]),
            new IntParameter("degree", 2, 5, condition: new ParameterCondition(new Dictionary<string, IReadOnlyList<object>> { ["kernel"] = ["poly"] })),
            new FloatParameter("C", 0.1, 10),
        ]);

        var errors = space.Validate(new Dictionary<string, object> { ["kernel"] = "linear", ["degree"] = 3L, ["C"] = 20.0, ["zeta"] = 1L });

        Assert.Contains(errors, e => e.Path == "params.degree" && e.Problem.Contains("not active", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "params.C" && e.Problem.Contains("outside", StringComparison.Ordinal));
        Assert.Contains(errors, e => e.Path == "params.zeta");
    }

    [Fact]
    public void A_parameter_declared_twice_is_an_error()
    {
        var e = Assert.Throws<SpecException>(() => SearchSpace.Create([new FloatParameter("x", 0, 1), new FloatParameter("x", 0, 2)]));
        Assert.Contains(e.Errors, x => x.Path == "space.x");
    }

    [Fact]
    public void Parameter_sets_round_trip_through_json_keeping_types()
    {
        var space = SearchSpace.Create([new FloatParameter("lr", 0.001, 1), new IntParameter("n", 1, 10), new CategoricalParameter("k", ["a", 2L, false])]);
        var set = new ParameterSet(new Dictionary<string, object> { ["lr"] = 1.0, ["n"] = 4L, ["k"] = false });

        var back = ParameterSet.FromJson(set.ToJson(), space);

        Assert.Equal(set, back);
        Assert.IsType<double>(back["lr"]); // 1.0 in JSON reads as an integer; the space makes it a float again
        Assert.IsType<long>(back["n"]);
    }
}
