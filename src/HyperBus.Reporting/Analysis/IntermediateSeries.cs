using HyperBus.Core.Trials;

namespace HyperBus.Reporting.Analysis;

/// <summary>The values a trial reported step by step; a pruned trial's series ends where the scheduler stopped it.</summary>
public sealed record IntermediateSeries(int Number, TrialState State, IReadOnlyList<long> Steps, IReadOnlyList<double> Values)
{
    public bool IsPruned => State == TrialState.Pruned;

    public long LastStep => Steps[^1];

    /// <summary>Every trial with at least one finite report, in trial order.</summary>
    public static IReadOnlyList<IntermediateSeries> Compute(IEnumerable<Trial> trials) =>
        trials.OrderBy(t => t.Number)
            .Select(t => (Trial: t, Reports: t.Reports.Where(r => double.IsFinite(r.Value)).OrderBy(r => r.Step).ToList()))
            .Where(x => x.Reports.Count > 0)
            .Select(x => new IntermediateSeries(x.Trial.Number, x.Trial.State, x.Reports.Select(r => r.Step).ToList(), x.Reports.Select(r => r.Value).ToList()))
            .ToList();
}
