using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Samplers.Tests;

/// <summary>The contract every sampler passes (Optuna's shared sampler tests): one subclass per sampler.</summary>
public abstract class SamplerContractTests
{
    /// <summary>Enough trials that model-based samplers leave their start-up phase.</summary>
    protected const int Trials = 24;

    /// <summary>A sampler for <paramref name="space"/> (grid search is built for one space).</summary>
    protected abstract ISampler Create(int seed, SearchSpace space);

    /// <summary>Float, log float, stepped float, int, log int, stepped int and categorical parameters.</summary>
    protected virtual SearchSpace MixedSpace => SearchSpace.Create(
    [
        new FloatParameter("f", -3, 5),
        new FloatParameter("lr", 1e-5, 1e-1, log: true),
        new FloatParameter("frac", 0.1, 0.9, step: 0.2),
        new IntParameter("n", 1, 9),
        new IntParameter("width", 4, 512, log: true),
        new IntParameter("even", 0, 20, step: 4),
        new CategoricalParameter("act", ["relu", "tanh", "gelu"]),
    ]);

    protected virtual SearchSpace ConditionalSpace => SearchSpace.Create(
    [
        new CategoricalParameter("kernel", ["rbf", "poly", "linear"]),
        new FloatParameter("C", 1e-3, 1e3, log: true),
        new FloatParameter("gamma", 1e-4, 1, log: true, condition: When("kernel", "rbf", "poly")),
        new IntParameter("degree", 2, 5, condition: When("kernel", "poly")),
    ]);

    /// <summary>Where a batch of parallel suggestions must be distinct.</summary>
    protected virtual SearchSpace ParallelSpace => SearchSpace.Create([new FloatParameter("x", -5, 5), new FloatParameter("y", 1e-3, 10, log: true)]);

    [Fact]
    public void Suggestions_stay_inside_the_space()
    {
        var space = MixedSpace;
        foreach (var t in StudyHistory.Run(Create(3, space), space, Objective, Trials))
        {
            Assert.Empty(space.Validate(t.Params));
        }
    }

    [Fact]
    public void Conditional_parameters_appear_exactly_when_active()
    {
        var space = ConditionalSpace;
        var history = StudyHistory.Run(Create(4, space), space, Objective, Trials);
        foreach (var t in history)
        {
            Assert.Empty(space.Validate(t.Params));
        }

        // Both branches must be explored, or the check above proves little.
        Assert.Contains(history, t => t.Params.ContainsKey("degree"));
        Assert.Contains(history, t => !t.Params.ContainsKey("gamma"));
    }

    [Fact]
    public void Same_seed_gives_the_same_sequence()
    {
        var a = StudyHistory.Run(Create(11, MixedSpace), MixedSpace, Objective, Trials).Select(t => t.Params).ToList();
        var b = StudyHistory.Run(Create(11, MixedSpace), MixedSpace, Objective, Trials).Select(t => t.Params).ToList();
        Assert.Equal(a, b);
    }

    [Fact]
    public void A_fresh_sampler_resumes_the_same_suggestion()
    {
        // What a restarted host does: a new sampler object over the stored history.
        var space = MixedSpace;
        var history = StudyHistory.Run(Create(12, space), space, Objective, Trials);
        var view = StudyHistory.View(space, history);
        Assert.Equal(Create(12, space).Suggest(view, 2), Create(12, space).Suggest(view, 2));
    }

    /// <summary>A generational sampler (PBT) plans nothing while the last generation still runs: an empty answer is right.</summary>
    protected virtual bool WaitsForRunningTrials => false;

    /// <summary>A sampler whose members keep training their own configuration (PBT) suggests configurations it had before.</summary>
    protected virtual bool ContinuesConfigurations => false;

    [Fact]
    public void Failed_pruned_and_running_trials_are_tolerated()
    {
        foreach (var space in new[] { MixedSpace, ConditionalSpace })
        {
            var view = StudyHistory.View(space, StudyHistory.Mixed(space, Objective, 40));
            var suggested = Create(6, space).Suggest(view, 3);
            Assert.True(WaitsForRunningTrials || suggested.Count > 0, "no suggestion although nothing blocks one");
            Assert.All(suggested, p => Assert.Empty(space.Validate(p)));
        }
    }

    [Fact]
    public void Parallel_suggestions_are_distinct()
    {
        var space = ParallelSpace;
        var history = StudyHistory.Run(Create(7, space), space, Objective, 16);
        var batch = Create(7, space).Suggest(StudyHistory.View(space, history), 4);
        Assert.Equal(4, batch.Count);
        Assert.Equal(4, batch.Distinct().Count());
        if (!ContinuesConfigurations)
        {
            Assert.All(batch, p => Assert.DoesNotContain(history, t => t.Params.Equals(p)));
        }
    }

    protected static ParameterCondition When(string parent, params object[] values) =>
        new(new Dictionary<string, IReadOnlyList<object>> { [parent] = values });

    /// <summary>A smooth objective over whatever numeric parameters are present.</summary>
    protected static double Objective(ParameterSet p)
    {
        var sum = 0.0;
        foreach (var (name, value) in p)
        {
            sum += value switch
            {
                double d => Math.Pow(Math.Log(Math.Abs(d) + 1) - 0.5, 2),
                long l => Math.Pow((l % 7) - 3, 2) * 0.1,
                string s => s.Length * 0.05,
                _ => 0,
            } * (name.Length % 3 + 1);
        }

        return sum;
    }
}
