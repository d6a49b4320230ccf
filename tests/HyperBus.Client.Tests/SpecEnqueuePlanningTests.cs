using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Runtime;

namespace HyperBus.Client.Tests;

/// <summary>The saga side of <c>enqueue:</c>: trial n runs enqueued configuration n before the sampler is asked.</summary>
public sealed class SpecEnqueuePlanningTests
{
    private static readonly SearchSpace Space = SearchSpace.Create([new FloatParameter("x", 0, 10)]);

    private static readonly ParameterSet[] Enqueued = [Config(1), Config(2), Config(3)];

    [Fact]
    public void Enqueued_configurations_come_first_then_the_sampler_with_the_right_trial_numbers()
    {
        var sampler = new NumberingSampler();
        var plans = TrialPlanning.Plan(sampler, View(0), 5, Enqueued);

        Assert.Equal([1.0, 2.0, 3.0, 103.0, 104.0], plans.Select(p => p.Params.GetDouble("x")));
        Assert.All(plans.Take(3), p => Assert.Equal("true", p.Attributes[TrialAttributeKeys.Enqueued]));
        Assert.Equal(3, sampler.AskedFrom);
    }

    [Fact]
    public void A_resumed_study_takes_up_the_queue_where_the_trial_numbers_are()
    {
        var plans = TrialPlanning.Plan(new NumberingSampler(), View(2), 2, Enqueued);
        Assert.Equal([3.0, 103.0], plans.Select(p => p.Params.GetDouble("x")));

        var past = TrialPlanning.Plan(new NumberingSampler(), View(4), 1, Enqueued);
        Assert.Equal([104.0], past.Select(p => p.Params.GetDouble("x")));
    }

    [Fact]
    public void No_queue_asks_the_sampler_for_everything()
    {
        var sampler = new NumberingSampler();
        Assert.Equal([100.0, 101.0], TrialPlanning.Plan(sampler, View(0), 2).Select(p => p.Params.GetDouble("x")));
    }

    private static ParameterSet Config(double x) => new([KeyValuePair.Create<string, object>("x", x)]);

    private static StudyView View(int trials) => new(Guid.Empty, Space, StudyDirection.Minimize,
        [.. Enumerable.Range(0, trials).Select(n => new Trial { Id = Guid.NewGuid(), Number = n, State = TrialState.Completed, Params = Config(n + 1), Value = n })]);

    /// <summary>Suggests x = 100 + the trial number it believes it is choosing for.</summary>
    private sealed class NumberingSampler : ISampler
    {
        public int AskedFrom { get; private set; } = -1;

        public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count)
        {
            AskedFrom = study.NextTrialNumber;
            return [.. Enumerable.Range(study.NextTrialNumber, count).Select(n => Config(100 + n))];
        }
    }
}
