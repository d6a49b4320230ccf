namespace HyperBus.Samplers.TrustRegion;

/// <summary>The trust region after replaying a study's losses in trial order: its side, its counters and where the current run began.</summary>
/// <remarks>
/// Rebuilt from the completed trials on every call (a pass over the losses, no model), so the store alone
/// decides the region and a restarted host continues the same run.
/// </remarks>
internal sealed record TrustRegionState(double Length, int RunStart, int Restarts)
{
    /// <summary>Replays <paramref name="losses"/> (completed trials in number order).</summary>
    public static TrustRegionState Replay(IReadOnlyList<double> losses, TrustRegionOptions options, int startup, int failureTolerance)
    {
        var (length, runStart, restarts) = (options.InitialLength, 0, 0);
        var (successes, failures, best) = (0, 0, double.PositiveInfinity);
        for (var i = 0; i < losses.Count; i++)
        {
            var loss = losses[i];
            if (i - runStart < startup)
            {
                best = Math.Min(best, loss);
                continue;
            }

            // TuRBO's rule: an improvement must beat the run's best by a relative margin of 1e-3.
            if (loss < best - (1e-3 * Math.Abs(best)))
            {
                (successes, failures) = (successes + 1, 0);
            }
            else
            {
                (successes, failures) = (0, failures + 1);
            }

            best = Math.Min(best, loss);
            if (successes == options.SuccessTolerance)
            {
                (length, successes) = (Math.Min(2 * length, options.MaxLength), 0);
            }
            else if (failures == failureTolerance)
            {
                (length, failures) = (length / 2, 0);
            }

            if (length < options.MinLength)
            {
                // A collapsed region reopens around the same best point with the run's data kept (TuRBO
                // restarts from scratch, which a budget of a few hundred trials cannot afford); only
                // options.FreshRestarts starts a new run, with a new space-filling design.
                length = options.InitialLength;
                (successes, failures, restarts) = (0, 0, restarts + 1);
                if (options.FreshRestarts)
                {
                    (runStart, best) = (i + 1, double.PositiveInfinity);
                }
            }
        }

        return new TrustRegionState(length, runStart, restarts);
    }
}
