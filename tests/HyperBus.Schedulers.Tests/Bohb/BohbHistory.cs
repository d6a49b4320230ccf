using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Schedulers.Tests.Bohb;

/// <summary>Hand-made BOHB histories: trials with a configuration (x on [0, 1], a kernel choice) and a curve of reports.</summary>
internal static class BohbHistory
{
    public static readonly SearchSpace Space = SearchSpace.Create(
    [
        new FloatParameter("x", 0, 1),
        new CategoricalParameter("kernel", ["linear", "rbf", "poly"]),
    ]);

    public static StudyView View(IEnumerable<Trial> trials, StudyDirection direction = StudyDirection.Minimize, SearchSpace? space = null) =>
        new(Guid.Empty, space ?? Space, direction, trials.OrderBy(t => t.Number).ToList());

    /// <summary>A trial whose reports are <paramref name="values"/> at <paramref name="steps"/>.</summary>
    public static Trial Trial(int number, TrialState state, double x, string kernel, long[] steps, double[] values) => new()
    {
        Id = new Guid(number, 0, 0, [0, 0, 0, 0, 0, 0, 0, 2]),
        Number = number,
        State = state,
        Params = new ParameterSet([new("x", x), new("kernel", kernel)]),
        Reports = steps.Zip(values, (s, v) => new TrialReport(s, v)).ToList(),
        Value = state == TrialState.Failed ? null : values[^1],
    };

    /// <summary>
    /// <paramref name="count"/> trials (numbered from <paramref name="first"/>) that reported at each of
    /// <paramref name="steps"/> a loss growing with the distance of x from <paramref name="optimum"/>.
    /// </summary>
    public static List<Trial> Bowl(int first, int count, double optimum, long[] steps, TrialState state = TrialState.Completed) =>
        Enumerable.Range(0, count).Select(i =>
        {
            var x = (i + 0.5) / count;
            var loss = Math.Abs(x - optimum);
            return Trial(first + i, state, x, "rbf", steps, [.. steps.Select(_ => loss)]);
        }).ToList();
}
