using HyperBus.Core.Sampling;
using HyperBus.Core.Space;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Runtime;

namespace HyperBus.Orchestration.Tests.Runtime;

public class GenerationBarrierTests
{
    private static readonly SearchSpace Space = SearchSpace.Create([]);

    [Fact]
    public void A_plain_sampler_is_never_held()
    {
        Assert.Equal(int.MaxValue, GenerationBarrier.Open(new PlainSampler(), View(Running(0))));
    }

    [Fact]
    public void The_first_generation_opens_whole()
    {
        Assert.Equal(3, GenerationBarrier.Open(new Population(3), View()));
    }

    [Fact]
    public void A_partly_created_generation_opens_only_its_missing_members()
    {
        Assert.Equal(1, GenerationBarrier.Open(new Population(3), View(Running(0), Finished(1))));
    }

    [Fact]
    public void The_next_generation_waits_while_a_member_of_the_last_one_runs()
    {
        Assert.Equal(0, GenerationBarrier.Open(new Population(3), View(Finished(0), Running(1), Finished(2))));
    }

    [Fact]
    public void The_next_generation_opens_once_every_member_finished_even_failed_or_pruned()
    {
        var view = View(Finished(0), Finished(1, TrialState.Failed), Finished(2, TrialState.Pruned));
        Assert.Equal(3, GenerationBarrier.Open(new Population(3), view));
    }

    [Fact]
    public void Running_members_of_the_current_generation_do_not_hold_it()
    {
        Assert.Equal(2, GenerationBarrier.Open(new Population(3), View(Finished(0), Finished(1), Finished(2), Running(3))));
    }

    private static StudyView View(params Trial[] trials) => new(Guid.NewGuid(), Space, StudyDirection.Minimize, trials);

    private static Trial Running(int number) => new() { Id = Guid.NewGuid(), Number = number, State = TrialState.Running, Params = Empty() };

    private static Trial Finished(int number, TrialState state = TrialState.Completed) =>
        new() { Id = Guid.NewGuid(), Number = number, State = state, Params = Empty(), Value = state == TrialState.Completed ? 1.0 : null };

    private static ParameterSet Empty() => new([]);

    private sealed class PlainSampler : ISampler
    {
        public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count) => [];
    }

    private sealed class Population(int size) : IPopulationSampler
    {
        public int PopulationSize => size;

        public IReadOnlyList<ParameterSet> Suggest(StudyView study, int count) => [];
    }
}
