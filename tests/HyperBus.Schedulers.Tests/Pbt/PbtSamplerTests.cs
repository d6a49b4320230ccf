using System.Globalization;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Schedulers.Pbt;

namespace HyperBus.Schedulers.Tests.Pbt;

public sealed class PbtSamplerTests
{
    [Fact]
    public void The_first_generation_starts_every_member_from_scratch_with_one_interval()
    {
        var plans = PbtPopulation.Sampler().Plan(PbtPopulation.View([]), 8);
        Assert.Equal(8, plans.Count);
        Assert.All(plans, p => Assert.Empty(PbtPopulation.Space.Validate(p.Params)));
        Assert.All(plans, p => Assert.Null(p.ResumeFrom));
        Assert.All(plans, p => Assert.Equal(2, p.Budget));
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i.ToString(CultureInfo.InvariantCulture)), plans.Select(p => p.Attributes[PbtSampler.MemberAttribute]));
        Assert.All(plans, p => Assert.Equal("start", p.Attributes[PbtSampler.ActionAttribute]));
        Assert.True(plans.Select(p => p.Params).Distinct().Count() > 4, "the initial population should be diverse");
    }

    [Fact]
    public void The_bottom_quarter_copies_a_top_quarter_checkpoint_and_the_rest_continue_their_own()
    {
        var sampler = PbtPopulation.Sampler();
        // Losses: members 5 and 2 are the best two, members 0 and 7 the worst two.
        var history = PbtPopulation.AddGeneration(sampler, [], 0.9, 0.5, 0.1, 0.6, 0.4, 0.05, 0.3, 0.95);
        var plans = sampler.Plan(PbtPopulation.View(history), 8);

        Assert.Equal(8, plans.Count);
        Assert.All(plans, p => Assert.Equal(4, p.Budget));
        foreach (var member in new[] { 0, 7 })
        {
            var plan = plans[member];
            Assert.Equal("exploit", plan.Attributes[PbtSampler.ActionAttribute]);
            var parent = int.Parse(plan.Attributes[PbtSampler.ParentAttribute], CultureInfo.InvariantCulture);
            Assert.Contains(parent, new[] { 5, 2 });
            Assert.Equal($"ckpt-{parent}", plan.ResumeFrom);
            Assert.Equal(member.ToString(CultureInfo.InvariantCulture), plan.Attributes[PbtSampler.MemberAttribute]);
            Assert.Equal("1", plan.Attributes[TrialAttributeKeys.Generation]);
        }

        foreach (var member in new[] { 1, 2, 3, 4, 5, 6 })
        {
            var plan = plans[member];
            Assert.Equal("continue", plan.Attributes[PbtSampler.ActionAttribute]);
            Assert.Equal(member.ToString(CultureInfo.InvariantCulture), plan.Attributes[PbtSampler.ParentAttribute]);
            Assert.Equal($"ckpt-{member}", plan.ResumeFrom);
            Assert.Equal(history[member].Params, plan.Params);
        }
    }

    [Fact]
    public void Explore_perturbs_numbers_by_0_8_or_1_2_and_moves_categoricals_to_a_neighbour()
    {
        var sampler = PbtPopulation.Sampler(resample: 0);
        var history = PbtPopulation.AddGeneration(sampler, [], 0.9, 0.5, 0.1, 0.6, 0.4, 0.05, 0.3, 0.95);
        var plans = sampler.Plan(PbtPopulation.View(history), 8);
        var choices = new[] { "sgd", "momentum", "adam" };
        foreach (var plan in plans.Where(p => p.Attributes[PbtSampler.ActionAttribute] == "exploit"))
        {
            var donor = history[int.Parse(plan.Attributes[PbtSampler.ParentAttribute], CultureInfo.InvariantCulture)].Params;
            var ratio = plan.Params.GetDouble("lr") / donor.GetDouble("lr");
            Assert.True(Math.Abs(ratio - 0.8) < 1e-9 || Math.Abs(ratio - 1.2) < 1e-9 || plan.Params.GetDouble("lr") is 1 or 1e-4, $"lr ratio {ratio}");
            var batch = donor.GetDouble("batch");
            Assert.Contains(plan.Params.GetDouble("batch"), new[] { Math.Round(batch * 0.8), Math.Round(batch * 1.2), 8, 256 });
            var from = Array.IndexOf(choices, (string)donor["optimizer"]);
            var to = Array.IndexOf(choices, (string)plan.Params["optimizer"]);
            Assert.True(Math.Abs(from - to) <= 1, $"{donor["optimizer"]} -> {plan.Params["optimizer"]}");
            Assert.Empty(PbtPopulation.Space.Validate(plan.Params));
        }
    }

    [Fact]
    public void With_resampling_always_on_explore_draws_fresh_values_in_the_domain()
    {
        var sampler = PbtPopulation.Sampler(resample: 1);
        var history = PbtPopulation.AddGeneration(sampler, [], 0.9, 0.5, 0.1, 0.6, 0.4, 0.05, 0.3, 0.95);
        var exploit = sampler.Plan(PbtPopulation.View(history), 8).Where(p => p.Attributes[PbtSampler.ActionAttribute] == "exploit").ToList();
        Assert.Equal(2, exploit.Count);
        foreach (var plan in exploit)
        {
            var donor = history[int.Parse(plan.Attributes[PbtSampler.ParentAttribute], CultureInfo.InvariantCulture)].Params;
            var ratio = plan.Params.GetDouble("lr") / donor.GetDouble("lr");
            Assert.False(Math.Abs(ratio - 0.8) < 1e-9 || Math.Abs(ratio - 1.2) < 1e-9, "a resampled lr is not a perturbation");
            Assert.Empty(PbtPopulation.Space.Validate(plan.Params));
        }
    }

    [Fact]
    public void Failed_members_exploit_and_are_never_donors_and_maximize_ranks_the_other_way()
    {
        var sampler = PbtPopulation.Sampler();
        // Maximize: members 0 and 7 are the best; member 3 failed (outside the bottom two by position, but worst).
        var history = PbtPopulation.AddGeneration(sampler, [], 0.99, 0.5, 0.3, null, 0.4, 0.2, 0.6, 0.98);
        var plans = sampler.Plan(PbtPopulation.View(history, StudyDirection.Maximize), 8);
        var exploiting = plans.Select((p, i) => (p, i)).Where(x => x.p.Attributes[PbtSampler.ActionAttribute] == "exploit").Select(x => x.i).Order().ToArray();
        Assert.Equal(new[] { 3, 5 }, exploiting);
        Assert.All(exploiting, i => Assert.Contains(plans[i].ResumeFrom, new[] { "ckpt-0", "ckpt-7" }));
    }

    [Fact]
    public void Nothing_is_planned_until_the_whole_generation_finished_nor_after_the_last_one()
    {
        var sampler = PbtPopulation.Sampler(size: 4);
        var plans = sampler.Plan(PbtPopulation.View([]), 4);
        var history = plans.Select((p, i) => PbtPopulation.Finished(i, p, TrialState.Completed, i)).ToList();
        history[2] = history[2] with { State = TrialState.Running, Value = null };
        Assert.Empty(sampler.Plan(PbtPopulation.View(history), 4));

        // 10 / 2 = 5 generations of 4: the sampler is finite, and says so to cap the study.
        Assert.Equal(20, sampler.Size);
        var full = new List<Trial>();
        for (var g = 0; g < 5; g++)
        {
            PbtPopulation.AddGeneration(sampler, full, 0.4, 0.3, 0.2, 0.1);
        }

        Assert.Equal(10, full[^1].Budget);
        Assert.Empty(sampler.Plan(PbtPopulation.View(full), 4));
    }

    [Fact]
    public void Lineage_traces_every_member_back_to_a_first_generation_trial()
    {
        var sampler = PbtPopulation.Sampler(size: 6);
        var history = new List<Trial>();
        var random = new Random(3);
        for (var g = 0; g < 5; g++)
        {
            PbtPopulation.AddGeneration(sampler, history, [.. Enumerable.Range(0, 6).Select(_ => (double?)random.NextDouble())]);
        }

        foreach (var t in history.Where(t => t.Number >= 24))
        {
            var generation = 4;
            var at = t;
            while (generation > 0)
            {
                var parent = history[int.Parse(at.Attributes[PbtSampler.ParentAttribute], CultureInfo.InvariantCulture)];
                // A parent is always from the generation just before, and resuming it continues its budget.
                Assert.Equal(generation - 1, int.Parse(parent.Attributes[TrialAttributeKeys.Generation], CultureInfo.InvariantCulture));
                Assert.Equal(parent.Budget + 2, at.Budget);
                at = parent;
                generation--;
            }

            Assert.Equal("start", at.Attributes[PbtSampler.ActionAttribute]);
        }

        Assert.Contains(history, t => t.Attributes[PbtSampler.ActionAttribute] == "exploit");
    }

    [Fact]
    public void A_fresh_sampler_plans_the_same_generation()
    {
        var history = PbtPopulation.AddGeneration(PbtPopulation.Sampler(seed: 9), [], 0.9, 0.5, 0.1, 0.6, 0.4, 0.05, 0.3, 0.95);
        var a = PbtPopulation.Sampler(seed: 9).Plan(PbtPopulation.View(history), 8);
        var b = PbtPopulation.Sampler(seed: 9).Plan(PbtPopulation.View(history), 8);
        Assert.Equal(a.Select(p => p.Params), b.Select(p => p.Params));
        Assert.Equal(a.Select(p => p.ResumeFrom), b.Select(p => p.ResumeFrom));
    }
}
