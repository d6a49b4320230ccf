using HyperBus.Core.Space;
using HyperBus.Core.Trials;

namespace HyperBus.Client.Tests;

public sealed class TrialLogTests
{
    private int _spaceVersion;

    [Fact]
    public void Trials_are_found_by_number_and_replaced_in_place()
    {
        var log = NewLog();
        log.Add(Running(0));
        log.Add(Running(1));
        log.Add(Running(5));

        log.Replace(Running(1) with { State = TrialState.Pruned });

        Assert.Equal(3, log.Count);
        Assert.Equal(6, log.NextNumber);
        Assert.Equal(TrialState.Pruned, log.Find(1)!.State);
        Assert.Equal(5, log.Find(5)!.Number);
        Assert.Null(log.Find(2));
        Assert.Equal([0, 1, 5], log.Snapshot().Select(t => t.Number));
    }

    [Fact]
    public void A_trial_must_come_after_the_last_one()
    {
        var log = NewLog();
        log.Add(Running(3));

        Assert.Throws<ArgumentException>(() => log.Add(Running(3)));
        Assert.Throws<InvalidOperationException>(() => log.Replace(Running(7)));
    }

    [Fact]
    public void An_empty_log_starts_numbering_at_zero()
    {
        var log = NewLog();

        Assert.Equal(0, log.NextNumber);
        Assert.Empty(log.SamplerView());
        Assert.Null(log.Best);
    }

    [Fact]
    public void A_view_keeps_the_length_it_was_made_with()
    {
        var log = NewLog();
        log.Add(Running(0));
        var view = log.StoredView();

        log.Add(Running(1));

        Assert.Single(view);
        Assert.Equal([0], view.Select(t => t.Number));
        Assert.Throws<ArgumentOutOfRangeException>(() => view[1]);
        Assert.Equal(2, log.StoredView().Count);
    }

    [Fact]
    public void The_snapshot_is_a_copy_that_later_writes_do_not_change()
    {
        var log = NewLog();
        log.Add(Running(0));
        var snapshot = log.Snapshot();

        log.Replace(Completed(0, 1.0));
        log.Add(Running(1));

        Assert.Single(snapshot);
        Assert.Equal(TrialState.Running, snapshot[0].State);
    }

    [Fact]
    public void The_sampler_view_is_mapped_on_write_and_again_when_the_space_grows()
    {
        // The mapping drops parameters whose name is not known yet, as DiscoveredSpace.ForSampler does.
        var known = new HashSet<string> { "x" };
        var mapped = 0;
        var log = new TrialLog(StudyDirection.Minimize, t =>
        {
            mapped++;
            return t with { Params = new ParameterSet(t.Params.Where(p => known.Contains(p.Key))) };
        }, () => _spaceVersion);
        log.Add(Running(0, ("x", 1.0), ("y", 2.0)));
        log.Add(Running(1, ("x", 3.0), ("y", 4.0)));

        Assert.All(log.SamplerView(), t => Assert.Equal(["x"], t.Params.Keys));
        Assert.Equal(2, mapped);
        Assert.Equal(2, log.SamplerView().Count);
        Assert.Equal(2, mapped);

        known.Add("y");
        _spaceVersion++;

        Assert.All(log.SamplerView(), t => Assert.Equal(["x", "y"], t.Params.Keys.Order(StringComparer.Ordinal)));
        Assert.Equal(4, mapped);
        // The stored trials keep every parameter whatever the space.
        Assert.All(log.StoredView(), t => Assert.Equal(2, t.Params.Count));
    }

    [Fact]
    public void A_replaced_trial_is_mapped_again_for_the_sampler()
    {
        var log = NewLog();
        log.Add(Running(0));

        log.Replace(Completed(0, 2.5));

        Assert.Equal(TrialState.Completed, log.SamplerView()[0].State);
        Assert.Equal(2.5, log.SamplerView()[0].Value);
    }

    [Theory]
    [InlineData(StudyDirection.Minimize, 2)]
    [InlineData(StudyDirection.Maximize, 1)]
    public void The_best_trial_follows_the_outcomes_as_they_arrive(StudyDirection direction, int expected)
    {
        var log = new TrialLog(direction, t => t, () => 0);
        for (var i = 0; i < 4; i++)
        {
            log.Add(Running(i));
        }

        // Out of order, with a failed, an infeasible and a pruned trial that never count.
        log.Replace(Completed(1, 9.0));
        log.Replace(Running(3) with { State = TrialState.Failed });
        log.Replace(Completed(2, 1.0));
        log.Replace(Completed(0, 0.5) with { Constraints = [1.0] });

        Assert.Equal(expected, log.Best!.Number);
        Assert.Equal(new StudyView(Guid.Empty, SearchSpace.Create([]), direction, log.Snapshot()).Best!.Number, log.Best.Number);
    }

    [Fact]
    public void Equal_values_go_to_the_earlier_trial_whatever_order_they_finish_in()
    {
        var log = NewLog();
        log.Add(Running(0));
        log.Add(Running(1));
        log.Add(Running(2));

        log.Replace(Completed(2, 1.0));
        log.Replace(Completed(1, 1.0));
        log.Replace(Completed(0, 1.5));

        Assert.Equal(1, log.Best!.Number);
    }

    [Fact]
    public void Writing_the_best_trial_again_recomputes_the_best()
    {
        var log = NewLog();
        log.Add(Running(0));
        log.Add(Running(1));
        log.Replace(Completed(0, 1.0));
        log.Replace(Completed(1, 2.0));

        log.Replace(Completed(0, 3.0));

        Assert.Equal(1, log.Best!.Number);
    }

    [Fact]
    public void Loaded_finished_trials_count_for_the_best()
    {
        var log = NewLog();
        log.Add(Completed(0, 4.0));
        log.Add(Completed(1, 3.0));
        log.Add(Running(2));

        Assert.Equal(1, log.Best!.Number);
    }

    private TrialLog NewLog() => new(StudyDirection.Minimize, t => t, () => _spaceVersion);

    private static Trial Running(int number, params (string Name, double Value)[] parameters) => new()
    {
        Id = Guid.NewGuid(),
        Number = number,
        State = TrialState.Running,
        Params = new ParameterSet(parameters.Select(p => KeyValuePair.Create(p.Name, (object)p.Value))),
    };

    private static Trial Completed(int number, double value) => Running(number) with { State = TrialState.Completed, Value = value };
}
