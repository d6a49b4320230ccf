using System.Globalization;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Client.Tests;

/// <summary>
/// A seeded study suggests the same trials release after release: the values below were recorded on main at 59b72f1,
/// before the per-trial allocation cuts of issue 16, so a change to how trials are kept cannot change what is suggested.
/// </summary>
public sealed class SeededTrialsTests
{
    [Theory]
    [InlineData("random", 34, "1.010823975820693", "c=tanh, n=6, x=1.0532100736411323")]
    [InlineData("tpe", 16, "1.000236436068028", "c=relu, n=6, x=2.731509484045486")]
    public async Task A_seeded_study_gives_the_trials_it_always_gave(string sampler, int bestNumber, string bestValue, string lastParams)
    {
        using var study = await Study.CreateAsync("seeded", StudyDirection.Minimize, new StudyOptions { Sampler = sampler, Seed = 7 });

        await study.OptimizeAsync(t =>
        {
            var x = t.SuggestFloat("x", -10, 10);
            var n = t.SuggestInt("n", 1, 100, log: true);
            var c = t.SuggestCategorical("c", new[] { "relu", "tanh" });
            return Task.FromResult((x * x) + n + (c == "tanh" ? 1 : 0));
        }, 40);

        Assert.Equal("c=tanh, n=7, x=-0.050578680844315826", Exact(study.Trials[0].Params));
        Assert.Equal("c=tanh, n=1, x=-3.2342281347300066", Exact(study.Trials[1].Params));
        Assert.Equal("c=tanh, n=5, x=6.3227155042452345", Exact(study.Trials[2].Params));
        Assert.Equal(lastParams, Exact(study.Trials[39].Params));
        Assert.Equal(bestNumber, study.BestTrial.Number);
        Assert.Equal(bestValue, study.BestValue.ToString("R", CultureInfo.InvariantCulture));
    }

    // Every digit (ParameterSet.ToString shortens doubles).
    private static string Exact(ParameterSet parameters) =>
        string.Join(", ", parameters.OrderBy(p => p.Key, StringComparer.Ordinal)
            .Select(p => $"{p.Key}={(p.Value is double d ? d.ToString("R", CultureInfo.InvariantCulture) : Convert.ToString(p.Value, CultureInfo.InvariantCulture))}"));
}
