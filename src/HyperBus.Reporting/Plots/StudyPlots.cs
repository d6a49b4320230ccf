using HyperBus.Reporting.Analysis;
using HyperBus.Reporting.Importance;

namespace HyperBus.Reporting.Plots;

/// <summary>Every plot a study has data for, in the order a report shows them.</summary>
public static class StudyPlots
{
    public static IReadOnlyList<RenderedPlot> Render(StudySnapshot study, IReadOnlyList<ParameterImportance> importances)
    {
        var plots = new List<RenderedPlot>();
        var completed = study.Completed;
        var metric = study.Metric;
        if (ParetoFrontData.Compute(study) is { } pareto)
        {
            plots.Add(PlotRenderer.Render("pareto-front", "Pareto front (first two objectives)", ParetoFrontPlot.Create(pareto)));
        }

        if (completed.Count > 0)
        {
            plots.Add(PlotRenderer.Render("history", "Optimization history", HistoryPlot.Create(OptimizationHistory.Compute(study.Trials, study.Direction), metric, study.Direction)));
        }

        var parameters = study.ParameterNames;
        var parallel = ParallelCoordinates.Compute(study);
        if (parallel.Lines.Count > 0 && parallel.Axes.Count > 0)
        {
            plots.Add(PlotRenderer.Render("parallel-coordinates", "Parallel coordinates", ParallelCoordinatePlot.Create(parallel)));
        }

        if (importances.Count > 0)
        {
            plots.Add(PlotRenderer.Render("importance", ImportanceTitle(study), ImportancePlot.Create(importances)));
        }

        // The contour of the two most important parameters says most about the interaction that matters.
        var pair = importances.Count >= 2 ? importances.Take(2).Select(i => i.Parameter).ToList() : parameters.Take(2).ToList();
        if (pair.Count == 2 && completed.Count(t => t.Params.ContainsKey(pair[0]) && t.Params.ContainsKey(pair[1])) >= 2)
        {
            var grid = ContourGrid.Compute(study, pair[0], pair[1]);
            plots.Add(PlotRenderer.Render($"contour-{pair[0]}-{pair[1]}", $"Contour: {pair[0]} and {pair[1]}", ContourPlot.Create(grid, metric)));
        }

        foreach (var name in parameters)
        {
            var slice = SliceSeries.Compute(study, name);
            if (slice.Points.Count > 0)
            {
                plots.Add(PlotRenderer.Render($"slice-{name}", $"Slice: {name}", SlicePlot.Create(slice, metric)));
            }
        }

        var intermediate = IntermediateSeries.Compute(study.Trials);
        if (intermediate.Count > 0)
        {
            plots.Add(PlotRenderer.Render("intermediate-values", "Intermediate values", IntermediateValuesPlot.Create(intermediate, metric)));
        }

        var generations = GenerationProgress.Compute(study.Trials, study.Direction);
        if (generations.Count > 0)
        {
            plots.Add(PlotRenderer.Render("generations", "Best per generation", GenerationPlot.Create(generations, metric, study.Direction)));
        }

        return plots;
    }

    /// <summary>Which objective the importances explain: the forest is fitted to the first one of a multi-objective study.</summary>
    public static string ImportanceTitle(StudySnapshot study) => study.IsMultiObjective
        ? $"Parameter importances for {study.ObjectiveNames[0]} (the first of {study.Directions.Count} objectives)"
        : $"Parameter importances for {study.Metric}";
}
