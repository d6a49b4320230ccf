using HyperBus.Reporting.Analysis;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Analysis;

public sealed class SliceAndContourTests
{
    private const string Space = """{"x": {"type": "float", "low": 0, "high": 10}, "c": {"choices": ["a", "b"]}, "lr": {"type": "float", "low": 0.0001, "high": 1, "log": true}}""";

    [Fact]
    public void A_slice_pairs_each_completed_trial_with_its_parameter_position()
    {
        var study = new StudyBuilder(Space).Add(3, new { x = 2.0, c = "b", lr = 0.01 }).Add(1, new { x = 8.0, c = "a", lr = 1.0 })
            .Add(null, new { x = 5.0, c = "a", lr = 0.1 }, Core.Trials.TrialState.Failed).Build();

        var x = SliceSeries.Compute(study, "x");
        var c = SliceSeries.Compute(study, "c");
        var lr = SliceSeries.Compute(study, "lr");

        Assert.Equal([(0, 2.0, 3.0), (1, 8.0, 1.0)], x.Points.Select(p => (p.Number, p.Position, p.Value)));
        Assert.Equal([1.0, 0.0], c.Points.Select(p => p.Position)); // category index in spec order
        Assert.Equal(Math.Log(0.01), lr.Points[0].Position, 12);    // log scale: positions are logarithms
        Assert.True(lr.Axis.Log);
    }

    [Fact]
    public void The_contour_surface_passes_through_every_trial_and_stays_within_their_range()
    {
        var builder = new StudyBuilder(Space);
        var random = new Random(7);
        for (var i = 0; i < 15; i++)
        {
            var (x, lr) = (random.NextDouble() * 10, Math.Pow(10, -4 + (4 * random.NextDouble())));
            builder.Add((x * x) + Math.Log10(lr), new { x, c = "a", lr });
        }

        var study = builder.Build();
        var grid = ContourGrid.Compute(study, "x", "lr", resolution: 20);

        Assert.Equal(20, grid.Resolution);
        Assert.Equal(15, grid.XPoints.Count);
        var values = study.Completed.Select(t => t.Value!.Value).ToList();
        foreach (var z in grid.Z)
        {
            Assert.InRange(z, values.Min(), values.Max());
        }

        var us = grid.XPoints.Select(p => p.Position).ToList();
        var vs = grid.YPoints.Select(p => p.Position).ToList();
        for (var i = 0; i < values.Count; i++)
        {
            Assert.Equal(values[i], ContourGrid.Interpolate(us, vs, values, us[i], vs[i]));
        }

        // Far from the other points, the surface near a trial is close to that trial's value.
        var corner = ContourGrid.Interpolate([0, 1], [0, 1], [10, 20], 0.01, 0.01);
        Assert.InRange(corner, 10, 10.01);
    }
}
