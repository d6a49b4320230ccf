namespace HyperBus.Trainer.Sdk;

/// <summary>Trains one configuration and returns its score. Register it with <c>services.AddTrainer&lt;T&gt;("kind")</c>.</summary>
public interface ITrainer
{
    /// <summary>
    /// Train with <see cref="TrialContext.Params"/> and return the objective. Call
    /// <see cref="TrialContext.ReportAsync"/> at each step; the token fires when the study stops the trial.
    /// Throw <see cref="TrialFailedException"/> for a failure another attempt cannot fix.
    /// </summary>
    Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken);
}
