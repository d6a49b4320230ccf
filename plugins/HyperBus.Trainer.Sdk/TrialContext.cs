using HyperBus.Contracts;
using HyperBus.Trainer.Sdk.Hosting;

namespace HyperBus.Trainer.Sdk;

/// <summary>Everything a trainer knows about the trial it runs, and the way to report progress.</summary>
public sealed class TrialContext
{
    private readonly Func<long, double, string?, CancellationToken, Task<TrialAction>> _report;

    public TrialContext(TrialRequested request, Func<long, double, string?, CancellationToken, Task<TrialAction>> report)
    {
        Request = request;
        Params = new TrialParameters(request.Params, request.Fixed);
        _report = report;
    }

    public TrialRequested Request { get; }

    public Guid StudyId => Request.StudyId;

    public Guid TrialId => Request.TrialId;

    public int Number => Request.Number;

    public int Attempt => Request.Attempt;

    /// <summary>The objective's name from the spec (e.g. accuracy).</summary>
    public string Metric => Request.Metric;

    /// <summary>Sampled parameters and the spec's fixed settings.</summary>
    public TrialParameters Params { get; }

    /// <summary>How much of the fidelity (epochs, rounds) to spend; null means the trainer's full budget.</summary>
    public TrialBudget? Budget => Request.Budget;

    /// <summary>A checkpoint to resume from, if the study gave one (PBT: the checkpoint of the trial this one continues).</summary>
    public string? Checkpoint => Request.Checkpoint;

    /// <summary>The root of the checkpoint folders (<see cref="WorkerOptions.CheckpointRoot"/>).</summary>
    public string CheckpointRoot { get; init; } = CheckpointFolders.DefaultRoot();

    /// <summary>
    /// This trial's own checkpoint folder, created on first use: save state there and return the path
    /// as <see cref="TrialResult.Checkpoint"/> so a later trial can resume from it.
    /// </summary>
    public string CheckpointDirectory() => CheckpointFolders.ForTrial(CheckpointRoot, StudyId, TrialId);

    /// <summary>
    /// Reports an intermediate value. Returns <see cref="TrialAction.Stop"/> when the study prunes the
    /// trial: return the last value then (the SDK records the trial as pruned).
    /// </summary>
    public async Task<TrialAction> ReportAsync(long step, double value, string? checkpoint = null, CancellationToken cancellationToken = default)
    {
        var action = await _report(step, value, checkpoint, cancellationToken).ConfigureAwait(false);
        if (action == TrialAction.Stop)
        {
            Stopped = true;
        }

        return action;
    }

    /// <summary>True once a report was answered with stop.</summary>
    public bool Stopped { get; private set; }
}
