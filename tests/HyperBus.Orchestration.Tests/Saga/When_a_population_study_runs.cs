using System.Globalization;
using HyperBus.Contracts;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Tests.Support;
using HyperBus.Samplers.Genetic;
using HyperBus.Schedulers.Pbt;

namespace HyperBus.Orchestration.Tests.Saga;

/// <summary>GA and PBT studies through the saga: the generation barrier, a host restart mid-generation, and PBT's checkpoint hand-off.</summary>
public sealed class When_a_population_study_runs : IDisposable
{
    private const int Size = 4;

    private const string GaStudy = $$"""
        study: ga-restart
        trials: 12
        parallelism: 8
        trainer: {{HostHarness.RemoteKind}}
        sampler: { type: ga, populationSize: 4, seed: 3 }
        space: { x: { type: float, low: 0, high: 1 }, k: { choices: [a, b, c] } }
        """;

    private const string PbtStudy = $$"""
        study: pbt-handoff
        trials: 100
        parallelism: 4
        trainer: {{HostHarness.RemoteKind}}
        fidelity: { name: epochs, min: 1, max: 3 }
        scheduler: { type: pbt, populationSize: 4, seed: 5 }
        space: { lr: { type: float, low: 0.001, high: 1, log: true } }
        """;

    private readonly TempStore _store = new();

    [Fact]
    public async Task A_restart_mid_generation_loses_and_repeats_no_member_and_generations_finish_in_order()
    {
        var id = Guid.NewGuid();
        await using (var first = await HostHarness.StartAsync(_store.Path))
        {
            await first.SubmitAsync(GaStudy, id);
            var generation0 = await first.WaitForTrialsAsync(id, Size);
            await first.CompleteAsync(id, generation0[0].Id, 1, Loss(generation0[0]));
            await first.CompleteAsync(id, generation0[1].Id, 1, Loss(generation0[1]));
            await first.WaitForTrialsAsync(id, 2, t => t.State == TrialState.Completed);
            // Parallelism 8 would allow more, but the barrier holds the next generation back.
            Assert.Equal(Size, (await first.Store.LoadTrialsAsync(id)).Count);
        }

        // A new host process on the same store finishes generation 0 and runs the rest.
        await using var second = await HostHarness.StartAsync(_store.Path);
        var events = second.Follow(id);
        for (var generation = 0; generation < 3; generation++)
        {
            var trials = await second.WaitForTrialsAsync(id, (generation + 1) * Size);
            var members = trials.Where(t => t.Number / Size == generation).ToList();
            Assert.Equal(Size, members.Count);
            foreach (var member in members.Where(t => !t.IsFinished))
            {
                // Until its last member finishes, no member of the next generation exists.
                Assert.Equal((generation + 1) * Size, (await second.Store.LoadTrialsAsync(id)).Count);
                await second.CompleteAsync(id, member.Id, 1, Loss(member));
            }
        }

        var completed = await HostHarness.WaitForEndAsync(id, events);
        Assert.Equal(12, completed.Completed);
        var stored = await second.Store.LoadTrialsAsync(id);
        Assert.Equal(Enumerable.Range(0, 12), stored.Select(t => t.Number));
        Assert.Equal(12, stored.Select(t => t.Id).Distinct().Count());
        Assert.All(stored, t => Assert.Equal(1, t.Attempt));
        Assert.All(stored, t => Assert.Equal(t.Number / Size, int.Parse(t.Attributes[TrialAttributeKeys.Generation], CultureInfo.InvariantCulture)));
        foreach (var child in stored.Where(t => t.Number >= Size))
        {
            var parents = child.Attributes[GeneticSampler.ParentsAttribute].Split(',').Select(int.Parse);
            Assert.All(parents, p => Assert.True(p < child.Number / Size * Size, $"trial {child.Number} bred from {p}"));
        }
    }

    [Fact]
    public async Task Pbt_members_resume_from_the_checkpoints_the_previous_generation_wrote()
    {
        await using var host = await HostHarness.StartAsync(_store.Path);
        var id = Guid.NewGuid();
        var events = host.Follow(id);
        await host.SubmitAsync(PbtStudy, id);
        for (var generation = 0; generation < 3; generation++)
        {
            var trials = await host.WaitForTrialsAsync(id, (generation + 1) * Size);
            foreach (var member in trials.Where(t => t.Number / Size == generation))
            {
                // Lower learning rates score better, so members 'learn' which way to move.
                await host.Harness.Bus.Publish(new TrialCompleted(id, member.Id, 1, member.Params.GetDouble("lr"), null, null, false,
                    $"ckpt-{member.Number}", null, 0.1, "test-worker"));
            }
        }

        var completed = await HostHarness.WaitForEndAsync(id, events);
        Assert.Equal(12, completed.Completed); // capped at 4 members x 3 generations, though trials says 100
        var stored = await host.Store.LoadTrialsAsync(id);
        Assert.Equal([1.0, 2.0, 3.0], stored.Select(t => t.Budget!.Value).Distinct().Order());
        Assert.All(stored.Where(t => t.Number < Size), t => Assert.False(t.Attributes.ContainsKey(TrialAttributeKeys.ResumeFrom)));
        foreach (var t in stored.Where(t => t.Number >= Size))
        {
            var parent = int.Parse(t.Attributes[PbtSampler.ParentAttribute], CultureInfo.InvariantCulture);
            Assert.Equal($"ckpt-{parent}", t.Attributes[TrialAttributeKeys.ResumeFrom]);
            Assert.Equal(stored[parent].Checkpoint, t.Attributes[TrialAttributeKeys.ResumeFrom]);
        }

        // What the trainer got: the checkpoint travelled in TrialRequested.
        var requests = host.Harness.Sent.Select<TrialRequested>().Select(m => m.Context.Message).ToList();
        Assert.Contains(requests, r => r.Checkpoint is not null && r.Checkpoint.StartsWith("ckpt-", StringComparison.Ordinal));
        Assert.Contains(stored, t => t.Attributes[PbtSampler.ActionAttribute] == "exploit");
    }

    public void Dispose() => _store.Dispose();

    private static double Loss(Trial t) => Math.Pow(t.Params.GetDouble("x") - 0.3, 2) + ((string)t.Params["k"] == "b" ? 0 : 0.1);
}
