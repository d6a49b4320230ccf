using HyperBus.Contracts;
using HyperBus.Core.Trials;
using HyperBus.Orchestration.Runtime;
using Microsoft.Extensions.Logging;

namespace HyperBus.Orchestration.Policies.Hedging;

/// <summary>
/// The rules for messages about a hedged trial, applied before <see cref="StaleMessages"/> (which knows one attempt per
/// trial): both attempts are current while they race; the first outcome wins and is recorded once, the loser is told to
/// stop and its later messages are dropped and counted; a failed hedge leaves the trial to the other attempt, and a
/// failed other attempt leaves it to the hedge.
/// </summary>
public static class HedgedAttempts
{
    /// <summary>True when the start was the hedged attempt's (recorded here); otherwise the caller records it as usual.</summary>
    public static bool Started(StudyRuntime study, StudyTransaction transaction, TrialStarted m, DateTimeOffset now)
    {
        study.Hedges.Started(m.TrialId, m.Attempt, m.StartedAt, now);
        if (!IsHedge(study, m.TrialId, m.Attempt))
        {
            return false;
        }

        transaction.Write(w => w.MarkHedgeStarted(m.TrialId, m.Attempt, m.WorkerId, m.StartedAt));
        study.Workers[(m.TrialId, m.Attempt)] = m.WorkerId;
        study.ExtendDeadline(m.TrialId, m.Attempt, now);
        return true;
    }

    /// <summary>
    /// True when the report was the hedged attempt's: it keeps the attempt alive and is answered continue (the scheduler
    /// judges the trial on its current attempt's reports, which are the ones stored).
    /// </summary>
    public static bool Reported(StudyRuntime study, TrialReported m, DateTimeOffset now)
    {
        if (!IsHedge(study, m.TrialId, m.Attempt))
        {
            return false;
        }

        study.Workers[(m.TrialId, m.Attempt)] = m.WorkerId;
        study.ExtendDeadline(m.TrialId, m.Attempt, now);
        return true;
    }

    /// <summary>
    /// The trial to record the outcome on, at the attempt that won (the hedge is made the trial's attempt first when it
    /// won), or null when the outcome is dropped.
    /// </summary>
    public static Trial? Outcome(StudyRuntime study, StudyTransaction transaction, TrialCompleted m, DateTimeOffset now, ILogger logger)
    {
        var trial = study.Find(m.TrialId);
        if (trial is { IsFinished: false } && study.Hedges.InFlight.TryGetValue(trial.Id, out var hedge) && (m.Attempt == hedge || m.Attempt == trial.Attempt))
        {
            var primary = trial.Attempt;
            var loser = m.Attempt == hedge ? primary : hedge;
            if (m.Attempt == hedge)
            {
                transaction.Write(w => w.PromoteHedge(trial.Id, primary, hedge));
                trial = trial with { Attempt = hedge };
            }

            transaction.Write(w => w.EndAttempt(trial.Id, loser, HedgeKeys.LostAttemptState, null, now));
            trial = SetAttributes(transaction, trial, (HedgeKeys.State, m.Attempt == hedge ? HedgeKeys.Won : HedgeKeys.Lost), (HedgeKeys.Winner, Text(m.Attempt)));
            study.Replace(trial);
            study.Hedges.InFlight.TryRemove(trial.Id, out _);
            Stop(study, transaction, trial, loser);
            logger.LogInformation("Trial {Number} of {Study}: attempt {Winner} finished first{Hedge}; attempt {Loser} is told to stop", trial.Number, study.Spec.Name,
                m.Attempt, m.Attempt == hedge ? " (the hedge)" : string.Empty, loser);
        }
        else if ((trial = Current(study, transaction, m.TrialId, m.Attempt, nameof(TrialCompleted), logger)) is not null &&
            trial.Attributes.ContainsKey(HedgeKeys.Attempt) && !trial.Attributes.ContainsKey(HedgeKeys.Winner))
        {
            // The race ended with a failure; the attempt left finishes the trial and is its winner all the same.
            trial = SetAttributes(transaction, trial, (HedgeKeys.Winner, Text(m.Attempt)));
            study.Replace(trial);
        }

        if (trial is not null && study.Spec.Policy.Hedge is not null && !m.Pruned && double.IsFinite(m.Value))
        {
            study.Hedges.Completed(m.DurationSeconds);
        }

        return trial;
    }

    /// <summary>
    /// The trial to record the failure on as usual (retry or fail), or null when the failure was one of a race's two
    /// attempts and the other runs on.
    /// </summary>
    public static Trial? Failed(StudyRuntime study, StudyTransaction transaction, TrialFailed m, DateTimeOffset now, ILogger logger)
    {
        var trial = study.Find(m.TrialId);
        if (trial is { IsFinished: false } && study.Hedges.InFlight.TryGetValue(trial.Id, out var hedge) && m.Attempt == hedge)
        {
            transaction.Write(w => w.EndAttempt(trial.Id, hedge, "Failed", m.Error, now));
            study.Replace(SetAttributes(transaction, trial, (HedgeKeys.State, HedgeKeys.Failed)));
            study.Hedges.InFlight.TryRemove(trial.Id, out _);
            Forget(study, trial.Id, hedge);
            logger.LogInformation("Trial {Number} of {Study}: its hedge (attempt {Hedge}) failed ({Error}); attempt {Attempt} runs on", trial.Number, study.Spec.Name,
                hedge, m.Error, trial.Attempt);
            return null;
        }

        // The current attempt failed while (or after) its hedge ran: the hedge takes the trial's place, so a retry, if one
        // is needed, is numbered after both.
        if (trial is { IsFinished: false } && m.Attempt == trial.Attempt && trial.Attributes.TryGetValue(HedgeKeys.Attempt, out var h) &&
            int.Parse(h, System.Globalization.CultureInfo.InvariantCulture) == trial.Attempt + 1)
        {
            var primary = trial.Attempt;
            var next = primary + 1;
            var racing = study.Hedges.InFlight.TryRemove(trial.Id, out _);
            transaction.Write(w => w.PromoteHedge(trial.Id, primary, next));
            transaction.Write(w => w.EndAttempt(trial.Id, primary, "Failed", m.Error, now));
            Forget(study, trial.Id, primary);
            trial = trial with { Attempt = next, Reports = [], StartedAt = null };
            if (racing)
            {
                study.Replace(SetAttributes(transaction, trial, (HedgeKeys.State, HedgeKeys.OtherFailed)));
                logger.LogInformation("Trial {Number} of {Study}: attempt {Attempt} failed ({Error}); its hedge (attempt {Hedge}) runs on", trial.Number, study.Spec.Name,
                    primary, m.Error, next);
                return null;
            }

            study.Replace(trial);
            return trial;
        }

        return Current(study, transaction, m.TrialId, m.Attempt, nameof(TrialFailed), logger);
    }

    /// <summary><see cref="StaleMessages.Current"/>, but a message from the attempt that lost a hedge race is dropped as such.</summary>
    public static Trial? Current(StudyRuntime study, StudyTransaction transaction, Guid trialId, int attempt, string what, ILogger logger)
    {
        if (study.Find(trialId) is { IsFinished: true } trial && Loser(trial) == attempt)
        {
            StaleMessages.Drop(study.StudyId, study.Spec.Name, transaction, what, trialId, attempt, HedgeDropReasons.HedgeLost,
                $"trial {trial.Number} finished with attempt {trial.Attempt}", logger);
            return null;
        }

        return StaleMessages.Current(study, transaction, trialId, attempt, what, logger);
    }

    /// <summary>Puts back the hedges in flight and the durations after a restart; each hedge gets a fresh deadline like its trial.</summary>
    public static void Restore(StudyRuntime study, IEnumerable<Trial> trials, DateTimeOffset now)
    {
        foreach (var trial in trials)
        {
            if (trial.Attributes.ContainsKey(HedgeKeys.Attempt))
            {
                study.Hedges.Hedged[trial.Id] = 0;
            }

            if (!trial.IsFinished && trial.Attributes.GetValueOrDefault(HedgeKeys.State) == HedgeKeys.Running &&
                trial.Attributes.GetValueOrDefault(HedgeKeys.Attempt) == Text(trial.Attempt + 1))
            {
                study.Hedges.InFlight[trial.Id] = trial.Attempt + 1;
                study.ExtendDeadline(trial.Id, trial.Attempt + 1, now);
            }
            else if (trial.State == TrialState.Completed && trial.DurationSeconds is { } seconds && study.Spec.Policy.Hedge is not null)
            {
                study.Hedges.Completed(seconds);
            }
        }
    }

    private static bool IsHedge(StudyRuntime study, Guid trialId, int attempt) => study.Hedges.InFlight.TryGetValue(trialId, out var hedge) && hedge == attempt;

    /// <summary>The attempt that lost the trial's hedge race, or null when it had none (or no race was won).</summary>
    private static int? Loser(Trial trial) =>
        trial.Attributes.GetValueOrDefault(HedgeKeys.State) is HedgeKeys.Won or HedgeKeys.Lost &&
        int.TryParse(trial.Attributes.GetValueOrDefault(HedgeKeys.Attempt), out var hedge)
            ? (trial.Attempt == hedge ? hedge - 1 : hedge)
            : null;

    /// <summary>Tells the losing attempt's worker to stop, when it said who it is; otherwise its next report is answered stop.</summary>
    private static void Stop(StudyRuntime study, StudyTransaction transaction, Trial trial, int loser)
    {
        if (study.Workers.TryGetValue((trial.Id, loser), out var worker))
        {
            var step = trial.LastReport?.Step ?? 0;
            transaction.Decide(new TrialDecision(study.StudyId, trial.Id, loser, step, TrialAction.Stop, null, null), worker);
        }

        Forget(study, trial.Id, loser);
    }

    private static void Forget(StudyRuntime study, Guid trialId, int attempt)
    {
        study.Deadlines.TryRemove((trialId, attempt), out _);
        study.Workers.TryRemove((trialId, attempt), out _);
        study.Hedges.RunningSince.TryRemove((trialId, attempt), out _);
    }

    private static Trial SetAttributes(StudyTransaction transaction, Trial trial, params (string Key, string Value)[] values)
    {
        var attributes = new Dictionary<string, string>(trial.Attributes, StringComparer.Ordinal);
        foreach (var (key, value) in values)
        {
            transaction.Write(w => w.SetTrialAttribute(trial.Id, key, value));
            attributes[key] = value;
        }

        return trial with { Attributes = attributes };
    }

    private static string Text(int attempt) => attempt.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Starts the hedge: stored beside the current attempt, counted in flight, requested with its own deadline.</summary>
    public static void Start(StudyRuntime study, StudyTransaction transaction, Trial trial, DateTimeOffset now)
    {
        var hedge = trial.Attempt + 1;
        transaction.Write(w => w.StartHedge(trial.Id, trial.Attempt, hedge, now));
        trial = SetAttributes(transaction, trial, (HedgeKeys.Attempt, Text(hedge)), (HedgeKeys.State, HedgeKeys.Running));
        study.Replace(trial);
        study.Hedges.Hedged[trial.Id] = 0;
        study.Hedges.InFlight[trial.Id] = hedge;
        var deadline = study.ExtendDeadline(trial.Id, hedge, now, started: false);
        study.Hedges.Requested(trial.Id, hedge, now);
        transaction.Request(study.StudyId, study.Spec.Trainer, TrialMessages.Request(study, trial with { Attempt = hedge }, deadline));
    }
}
