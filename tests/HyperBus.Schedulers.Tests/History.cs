using HyperBus.Core.Scheduling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Tests;

/// <summary>Hand-made trials and views: a curve's i-th value is reported at step i + 1 unless steps are given.</summary>
internal static class History
{
    private static readonly SearchSpace Space = SearchSpace.Create([new FloatParameter("x", 0, 1)]);

    public static StudyView View(IEnumerable<Trial> trials, StudyDirection direction = StudyDirection.Minimize) =>
        new(Guid.Empty, Space, direction, trials.OrderBy(t => t.Number).ToList());

    public static Trial Completed(int number, params double[] curve) => Make(number, TrialState.Completed, Curve(curve), curve[^1]);

    public static Trial Pruned(int number, params double[] curve) => Make(number, TrialState.Pruned, Curve(curve), curve[^1]);

    public static Trial Failed(int number, params double[] curve) => Make(number, TrialState.Failed, Curve(curve), null);

    public static Trial Running(int number, params double[] curve) => Make(number, TrialState.Running, Curve(curve), null);

    /// <summary>A running trial with one report at <paramref name="step"/>.</summary>
    public static Trial RunningAt(int number, long step, double value) => Make(number, TrialState.Running, [new TrialReport(step, value)], null);

    public static Trial CompletedAt(int number, long step, double value) => Make(number, TrialState.Completed, [new TrialReport(step, value)], value);

    public static Trial Make(int number, TrialState state, IReadOnlyList<TrialReport> reports, double? value) => new()
    {
        // Ids derived from the number, so two histories built alike are equal.
        Id = new Guid(number, 0, 0, [0, 0, 0, 0, 0, 0, 0, 1]),
        Number = number,
        State = state,
        Params = ParameterSet.Empty,
        Value = value,
        Reports = reports,
    };

    public static IReadOnlyList<TrialReport> Curve(IEnumerable<double> values) =>
        values.Select((v, i) => new TrialReport(i + 1, v)).ToList();

    /// <summary>The scheduler's answer to the trial's last report, with the trial in the view as the saga passes it.</summary>
    public static SchedulerAction Decide(IScheduler scheduler, IEnumerable<Trial> others, Trial trial, StudyDirection direction = StudyDirection.Minimize) =>
        scheduler.OnReport(View([.. others, trial], direction), trial, trial.LastReport!).Action;

    /// <summary>Only completed trials, each reporting <paramref name="values"/>[i] at <paramref name="step"/>.</summary>
    public static List<Trial> CompletedAtStep(long step, params double[] values) =>
        values.Select((v, i) => CompletedAt(i, step, v)).ToList();
}
