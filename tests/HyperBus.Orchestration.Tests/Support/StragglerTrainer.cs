using System.Collections.Concurrent;
using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;

namespace HyperBus.Orchestration.Tests.Support;

/// <summary>
/// A trainer on a slow node now and then: one attempt in ten takes 30 report steps of 0.1 s instead of one. The rule
/// depends on the trial's number and the attempt, so a hedged attempt (attempt 2) of a straggler is quick, as on another
/// worker. It stops when a report is answered stop (or its token fires), and records that.
/// </summary>
public sealed class StragglerTrainer : ITrainer
{
    public const string Kind = "test-straggler";

    /// <summary>The attempts that were told to stop, by study.</summary>
    public static ConcurrentDictionary<(Guid StudyId, int Number, int Attempt), byte> Stopped { get; } = new();

    /// <summary>Exactly one number in ten straggles on its first attempt; its second attempt never does.</summary>
    public static bool Straggles(int number, int attempt) => ((number * 7) + (attempt * 3)) % 10 == 0;

    public async Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken)
    {
        var value = context.Params.GetDouble("x");
        var steps = Straggles(context.Number, context.Attempt) ? 30 : 1;
        try
        {
            for (var step = 1; step <= steps; step++)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(100), cancellationToken);
                if (await context.ReportAsync(step, value, cancellationToken: cancellationToken) == TrialAction.Stop)
                {
                    Stopped[(context.StudyId, context.Number, context.Attempt)] = 0;
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // A stop decision between reports cancels the trial's token.
            Stopped[(context.StudyId, context.Number, context.Attempt)] = 0;
            throw;
        }

        return new TrialResult(value);
    }
}
