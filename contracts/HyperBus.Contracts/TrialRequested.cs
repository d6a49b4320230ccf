using System.Text.Json;

namespace HyperBus.Contracts;

/// <summary>Command: train one configuration. Sent to the queue of the trainer kind; workers of a kind compete.</summary>
/// <param name="Params">The sampled hyperparameters (only the active ones of a conditional space).</param>
/// <param name="Fixed">Constant settings from the spec's <c>fixed:</c> block (dataset, folds, ...).</param>
/// <param name="Checkpoint">A path or URI to resume from; never the checkpoint's bytes.</param>
/// <param name="Deadline">When the host gives up on this attempt unless a report extends it.</param>
/// <param name="TimeoutSeconds">
/// How long a running attempt may go without an outcome or a report; the clock starts when a worker
/// takes the request (time in the queue does not count) and restarts on every report.
/// </param>
public sealed record TrialRequested(
    Guid StudyId,
    Guid TrialId,
    int Number,
    int Attempt,
    string Trainer,
    string Metric,
    IReadOnlyDictionary<string, JsonElement> Params,
    IReadOnlyDictionary<string, JsonElement> Fixed,
    TrialBudget? Budget,
    string? Checkpoint,
    DateTimeOffset Deadline,
    double? TimeoutSeconds = null);
