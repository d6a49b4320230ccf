namespace HyperBus.Schedulers.Asha;

/// <summary>The milestones of one ASHA bracket, ascending, as Ray Tune lays them out.</summary>
public sealed record AshaBracket(int S, IReadOnlyList<double> Milestones)
{
    public static AshaBracket For(AshaSchedulerOptions o, int s)
    {
        // Ray: int(log(max_t / min_t) / log(rf) - s + 1) rungs, counted here in whole powers so that
        // a ratio that is an exact power of rf never loses its top rung to rounding.
        var milestones = new List<double>();
        for (var k = 0; ; k++)
        {
            var milestone = o.GracePeriod * Math.Pow(o.ReductionFactor, k + s);
            if (milestone > o.MaxT * (1 + 1e-9))
            {
                break;
            }

            milestones.Add(milestone);
        }

        return new AshaBracket(s, milestones);
    }

    /// <summary>
    /// Ray's record step: the highest milestone at or below <paramref name="step"/> the trial has not
    /// recorded yet (Ray walks milestones from the top and skips recorded ones), or -1.
    /// </summary>
    public int MilestoneFor(long step, ISet<int> recorded)
    {
        for (var i = Milestones.Count - 1; i >= 0; i--)
        {
            if (step >= Milestones[i] && !recorded.Contains(i))
            {
                return i;
            }
        }

        return -1;
    }
}
