namespace HyperBus.Trainer.Sdk.Hosting;

/// <summary>How a worker runs trials.</summary>
public sealed class WorkerOptions
{
    /// <summary>Trials run at once per trainer kind (the broker prefetch is twice this: see <see cref="TrainingSlots"/>).</summary>
    public int Concurrency { get; set; } = 1;

    /// <summary>After this long a running trial is announced with TrialStarted (quicker trials are not).</summary>
    public TimeSpan StartedAnnouncementDelay { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>How long a report waits for the host's decision before the trainer simply continues.</summary>
    public TimeSpan DecisionTimeout { get; set; } = TimeSpan.FromSeconds(30);

    /// <summary>
    /// How long a trainer past its deadline (and so asked to stop) gets to return before the worker
    /// abandons it, fails the attempt and frees the slot.
    /// </summary>
    public TimeSpan DeadlineGrace { get; set; } = TimeSpan.FromSeconds(2);

    /// <summary>Where trials save checkpoints (one folder per trial); a shared path lets workers resume each other's.</summary>
    public string CheckpointRoot { get; set; } = CheckpointFolders.DefaultRoot();
}
