namespace HyperBus.Samplers.GaussianProcess;

/// <summary>When kernel hyperparameters are refitted: after every trial up to <see cref="EveryTrialUntil"/>, then about every 3-6 % of the history.</summary>
/// <remarks>
/// Hyperparameters move little once a few hundred trials pin them down, and the fit is the most expensive
/// step of a suggestion. Every trial up to 200, because refitting every 4-8 trials from 100 on doubled
/// Rosenbrock-10's regret at 200 trials on 5 of 5 seeds (the warped losses move fast while a run improves). A suggestion from n completed trials uses the fit on the first RefitPoint(n) of
/// them, a pure function of the history, so a sampler rebuilt after a restart suggests the same points.
/// </remarks>
internal static class GpFitSchedule
{
    public const int EveryTrialUntil = 200;

    /// <summary>How many of the first completed trials the fit for a history of <paramref name="completed"/> uses (non-decreasing in it).</summary>
    public static int RefitPoint(int completed, int everyTrialUntil = EveryTrialUntil)
    {
        if (completed < everyTrialUntil)
        {
            return completed;
        }

        // The step is the largest power of two at most completed / 16: it only doubles at a multiple of itself.
        var step = 1 << (int)Math.Floor(Math.Log2(completed / 16.0));
        return completed - (completed % step);
    }
}
