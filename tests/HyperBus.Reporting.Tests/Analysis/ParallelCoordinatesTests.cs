using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Analysis;

public sealed class ParallelCoordinatesTests
{
    private const string Space = """
        {"lr": {"type": "float", "low": 0.001, "high": 1, "log": true}, "layers": {"type": "int", "low": 1, "high": 8},
         "kernel": {"choices": ["linear", "rbf", "poly"]}}
        """;

    [Fact]
    public void Ranks_order_trials_from_best_and_axes_span_the_values_seen()
    {
        var study = new StudyBuilder(Space, StudyDirection.Maximize, "accuracy")
            .Add(0.80, new { lr = 0.001, layers = 2, kernel = "rbf" })
            .Add(0.95, new { lr = 0.1, layers = 4, kernel = "poly" })
            .Add(0.70, new { lr = 0.01, layers = 6, kernel = "linear" })
            .Add(0.90, new { lr = 0.01, layers = 3, kernel = "rbf" })
            .Build();

        var data = ParallelCoordinates.Compute(study);

        Assert.Equal(["lr", "layers", "kernel"], data.Axes.Select(a => a.Name));
        Assert.Equal([2, 0, 3, 1], data.Lines.Select(l => l.Rank));
        var best = data.Lines.Single(l => l.Rank == 0);
        Assert.Equal(1, best.Number);
        Assert.Equal(1.0, best.Positions[0], 12);         // the objective axis: the best value at the top when maximising
        Assert.Equal(0.0, data.Lines[2].Positions[0], 12); // the worst at the bottom
        // lr on a log scale over the values seen (0.001 .. 0.1): 0.01 is halfway.
        Assert.Equal(0.0, data.Lines[0].Positions[1], 12);
        Assert.Equal(0.5, data.Lines[2].Positions[1], 12);
        Assert.Equal(1.0, data.Lines[1].Positions[1], 12);
        // layers over 2 .. 6.
        Assert.Equal(0.25, data.Lines[3].Positions[2], 12);
        // kernel choices in spec order, each at the centre of its bin: linear 1/6, rbf 1/2, poly 5/6.
        Assert.Equal(1 / 6.0, data.Lines[2].Positions[3], 12);
        Assert.Equal(0.5, data.Lines[0].Positions[3], 12);
        Assert.Equal(5 / 6.0, data.Lines[1].Positions[3], 12);
        Assert.Equal("0.01", data.Axes[0].Label(0.5));
    }

    [Fact]
    public void Tied_values_share_the_better_rank_and_trials_missing_a_parameter_are_left_out()
    {
        var study = new StudyBuilder("""{"a": {"type": "float", "low": 0, "high": 1}, "b": {"type": "float", "low": 0, "high": 1}}""")
            .Add(2, new { a = 0.1, b = 0.2 }).Add(1, new { a = 0.3, b = 0.4 }).Add(1, new { a = 0.6, b = 0.9 }).Add(0.5, new { a = 0.9 }).Build();

        var data = ParallelCoordinates.Compute(study);

        Assert.Equal([0, 1, 2], data.Lines.Select(l => l.Number));
        Assert.Equal([2, 0, 0], data.Lines.Select(l => l.Rank));
    }
}
