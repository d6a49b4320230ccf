using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Runtime;

namespace HyperBus.Orchestration.Tests.Runtime;

public class TrialPlanningTests
{
    [Fact]
    public void A_plan_with_a_checkpoint_becomes_a_trial_that_resumes_from_it()
    {
        var plan = new TrialPlan(new ParameterSet([new("lr", (object)0.1)]))
        {
            Budget = 5,
            ResumeFrom = "/checkpoints/t3",
            Attributes = new Dictionary<string, string> { ["member"] = "2" },
        };

        var trial = TrialPlanning.NewTrial(plan, Guid.NewGuid(), 7, plan.Budget);

        Assert.Equal(7, trial.Number);
        Assert.Equal(5, trial.Budget);
        Assert.Equal(TrialState.Running, trial.State);
        Assert.Equal("/checkpoints/t3", trial.Attributes[TrialAttributeKeys.ResumeFrom]);
        Assert.Equal("2", trial.Attributes["member"]);
    }

    [Fact]
    public void A_plain_sampler_is_asked_through_suggest()
    {
        var view = new StudyView(Guid.NewGuid(), SearchSpace.Create([]), StudyDirection.Minimize, []);
        var plans = TrialPlanning.Plan(new TwoConfigs(), view, 2);

        Assert.Equal(2, plans.Count);
        Assert.All(plans, p => Assert.Null(p.ResumeFrom));
        Assert.Equal(1, (int)plans[1].Params["i"]);
    }

    private sealed class TwoConfigs : ISampler
    {
        public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count) =>
            [.. Enumerable.Range(0, count).Select(i => new ParameterSet([new("i", (object)i)]))];
    }
}
