using HyperBus.Contracts;

namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>
/// How long an attempt may go without an outcome or a report, read from a request a peer sent: a timeout or
/// deadline that no timer can hold (NaN, negative, years away) is answered with a failure, not a crash that
/// would park the request.
/// </summary>
public static class AttemptDeadline
{
    /// <summary>The longest span .NET timers accept (about 49 days); specs allow 30 days at most.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromMilliseconds(uint.MaxValue - 1.0);

    /// <summary>The attempt's span, or null with the reason the request cannot be run.</summary>
    public static TimeSpan? Span(TrialRequested request, DateTimeOffset now, out string? problem)
    {
        problem = null;
        if (request.TimeoutSeconds is { } seconds)
        {
            if (!double.IsFinite(seconds) || seconds <= 0 || seconds > Longest.TotalSeconds)
            {
                problem = $"timeoutSeconds {seconds} is not between 0 and {Longest.TotalSeconds:0} seconds";
                return null;
            }

            return TimeSpan.FromSeconds(seconds);
        }

        // Neither a timeout nor a deadline: the attempt runs unbounded (the contract's rule).
        if (request.Deadline == default)
        {
            return Timeout.InfiniteTimeSpan;
        }

        // A deadline already passed still gets a second, so the trainer is asked and the host decides.
        var left = request.Deadline - now;
        if (left > Longest)
        {
            problem = $"deadline {request.Deadline:O} is more than {Longest.TotalDays:0} days away";
            return null;
        }

        return left < TimeSpan.FromSeconds(1) ? TimeSpan.FromSeconds(1) : left;
    }
}
