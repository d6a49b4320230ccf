using System.Text;
using System.Text.RegularExpressions;
using HyperBus.Core.Trials;
using HyperBus.Reporting.Analysis;
using HyperBus.Reporting.Html;
using HyperBus.Reporting.Plots;
using HyperBus.Reporting.Tests.Support;

namespace HyperBus.Reporting.Tests.Analysis;

/// <summary>The numbers behind the Pareto-front plot and table, on hand-made two-objective studies.</summary>
public sealed class ParetoFrontDataTests
{
    private static readonly StudyDirection[] MinMin = [StudyDirection.Minimize, StudyDirection.Minimize];

    [Fact]
    public void The_front_is_the_non_dominated_trials_ordered_by_the_first_objective()
    {
        var study = new StudyBuilder(directions: MinMin, metric: "f1")
            .AddObjectives([0.5, 0.5], new { x = 0.1 })   // #0 front
            .AddObjectives([0.6, 0.6], new { x = 0.2 })   // #1 dominated by #0
            .AddObjectives([0.1, 0.9], new { x = 0.3 })   // #2 front
            .AddObjectives([0.9, 0.1], new { x = 0.4 })   // #3 front
            .AddObjectives([0.9, 0.2], new { x = 0.5 })   // #4 dominated by #3
            .Add(null, new { x = 0.6 }, TrialState.Failed)
            .Build();

        var data = ParetoFrontData.Compute(study)!;

        Assert.Equal([2, 0, 3], data.Front.Select(t => t.Number));
        Assert.Equal([0, 1, 2, 3, 4], data.Points.Select(p => p.Number));   // the failed trial has no point
        Assert.Equal([true, false, true, true, false], data.Points.Select(p => p.OnFront));
        Assert.Equal((0.6, 0.6), (data.Points[1].X, data.Points[1].Y));
        Assert.Equal(["f1 (minimize)", "objective 2 (minimize)"], data.Objectives);
    }

    [Fact]
    public void Directions_are_honoured_and_infeasible_trials_stay_off_the_front()
    {
        var study = new StudyBuilder(directions: [StudyDirection.Maximize, StudyDirection.Minimize], metric: "accuracy")
            .AddObjectives([0.9, 10], new { x = 0.1 })                          // #0 front: most accurate feasible
            .AddObjectives([0.8, 5], new { x = 0.2 })                           // #1 front: faster
            .AddObjectives([0.7, 6], new { x = 0.3 })                           // #2 dominated by #1
            .AddObjectives([0.99, 1], new { x = 0.4 }, constraints: [0.5])      // #3 would dominate all, but is infeasible
            .Build();

        var data = ParetoFrontData.Compute(study)!;

        Assert.Equal([1, 0], data.Front.Select(t => t.Number));
        Assert.False(data.Points.Single(p => p.Number == 3).Feasible);
        Assert.False(data.Points.Single(p => p.Number == 3).OnFront);
        Assert.Equal("accuracy (maximize)", data.Objectives[0]);
    }

    [Fact]
    public void A_single_objective_study_has_no_front_plot()
    {
        var study = new StudyBuilder().Add(1, new { x = 0.2 }).Add(2, new { x = 0.6 }).Build();

        Assert.False(study.IsMultiObjective);
        Assert.Null(ParetoFrontData.Compute(study));
        Assert.DoesNotContain("pareto-front", StudyPlots.Render(study, []).Select(p => p.Name));
    }

    [Fact]
    public void The_report_draws_the_front_first_and_lists_it_instead_of_a_best_trial()
    {
        var study = new StudyBuilder(directions: MinMin, metric: "f1")
            .AddObjectives([0.5, 0.5], new { x = 0.1 })
            .AddObjectives([0.6, 0.6], new { x = 0.2 })
            .AddObjectives([0.1, 0.9], new { x = 0.3 })
            .Build();

        var plots = StudyPlots.Render(study, []);
        var html = HtmlReport.Build(study, [], plots);

        Assert.Equal("pareto-front", plots[0].Name);
        Assert.Contains("Pareto front (2)", plots[0].Svg, StringComparison.Ordinal);   // the legend counts the front
        Assert.DoesNotContain("<h2>Best trial</h2>", html, StringComparison.Ordinal);
        var table = Regex.Match(html, "<table id=\"pareto-front\" class=\"sortable\">.*?</table>", RegexOptions.Singleline).Value;
        Assert.Equal(2, Regex.Count(table, "<tr>") - 1);
        Assert.Contains("<td data-sort=\"2\">2</td><td data-sort=\"0.1\">0.1</td><td data-sort=\"0.9\">0.9</td>", table, StringComparison.Ordinal);
        Assert.Contains("<tr><th>objectives</th><td>minimize f1, minimize objective 2</td></tr>", html, StringComparison.Ordinal);
        Assert.Contains("2 trials no other feasible trial dominates, of 3 completed.", html, StringComparison.Ordinal);
    }
}
