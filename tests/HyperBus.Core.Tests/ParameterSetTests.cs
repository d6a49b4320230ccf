using HyperBus.Core.Space;

namespace HyperBus.Core.Tests;

/// <summary>ParameterSet keeps a dictionary's behaviour (order, errors, lookups) while it stores an array of pairs.</summary>
public sealed class ParameterSetTests
{
    [Fact]
    public void Pairs_come_back_in_the_order_given()
    {
        var set = new ParameterSet([KeyValuePair.Create("z", (object)1L), KeyValuePair.Create("a", (object)"x"), KeyValuePair.Create("m", (object)0.5)]);

        Assert.Equal(["z", "a", "m"], set.Keys);
        Assert.Equal([1L, "x", 0.5], set.Values);
        Assert.Equal(["z", "a", "m"], set.Select(p => p.Key));
        Assert.Equal(3, set.Count);
    }

    [Fact]
    public void A_name_given_twice_is_an_error_as_in_a_dictionary()
    {
        var pairs = new List<KeyValuePair<string, object>> { new("lr", 0.1), new("lr", 0.2) };

        Assert.Throws<ArgumentException>(() => new ParameterSet(pairs));
        Assert.Throws<ArgumentException>(() => new ParameterSet(pairs.Select(p => p)));
    }

    [Fact]
    public void A_missing_name_is_not_found()
    {
        var set = new ParameterSet(new Dictionary<string, object> { ["x"] = 1.0 });

        Assert.False(set.TryGetValue("y", out _));
        Assert.False(set.ContainsKey("X"));
        Assert.Throws<KeyNotFoundException>(() => set["y"]);
        Assert.Equal(1.0, set.GetDouble("x"));
    }

    [Fact]
    public void A_wide_set_finds_every_name()
    {
        var pairs = Enumerable.Range(0, 40).Select(i => KeyValuePair.Create($"p{i}", (object)(long)i)).ToList();
        var set = new ParameterSet(pairs);

        Assert.All(pairs, p => Assert.Equal(p.Value, set[p.Key]));
        Assert.False(set.ContainsKey("p40"));
        Assert.Equal(new ParameterSet(pairs.AsEnumerable().Reverse()), set);
    }

    [Fact]
    public void Build_sees_the_values_chosen_so_far_and_returns_them_in_space_order()
    {
        var space = SearchSpace.Create([new FloatParameter("a", 0, 1), new IntParameter("b", 1, 5), new CategoricalParameter("c", ["u", "v"])]);
        var seen = new List<int>();

        var set = space.Build((p, assigned) =>
        {
            seen.Add(assigned.Count);
            return p switch { FloatParameter => 0.25, IntParameter => 3L, _ => "v" };
        });

        Assert.Equal([0, 1, 2], seen);
        Assert.Equal(["a", "b", "c"], set.Keys);
        Assert.Equal("a=0.25, b=3, c=v", set.ToString());
    }
}
