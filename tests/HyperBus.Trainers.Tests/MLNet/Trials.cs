using System.Text.Json;
using HyperBus.Contracts;
using HyperBus.Trainer.Sdk;

namespace HyperBus.Trainers.Tests.MLNet;

/// <summary>Builds the context a worker would hand a trainer, from a TrialRequested with JSON parameters.</summary>
public static class Trials
{
    public static TrialContext Context(
        object sampled,
        object @fixed,
        TrialBudget? budget = null,
        Func<long, double, TrialAction>? onReport = null)
    {
        var request = new TrialRequested(
            StudyId: Guid.NewGuid(),
            TrialId: Guid.NewGuid(),
            Number: 0,
            Attempt: 1,
            Trainer: "mlnet",
            Metric: "accuracy",
            Params: ToElements(sampled),
            Fixed: ToElements(@fixed),
            Budget: budget,
            Checkpoint: null,
            Deadline: DateTimeOffset.MaxValue);
        return new TrialContext(request, (step, value, _, _) => Task.FromResult(onReport?.Invoke(step, value) ?? TrialAction.Continue));
    }

    /// <summary>A dictionary's entries, or an anonymous object's properties, each serialised to a JsonElement.</summary>
    public static IReadOnlyDictionary<string, JsonElement> ToElements(object values) => values is IReadOnlyDictionary<string, double> numbers
        ? numbers.ToDictionary(p => p.Key, p => JsonSerializer.SerializeToElement(p.Value))
        : values.GetType().GetProperties().ToDictionary(p => p.Name, p => JsonSerializer.SerializeToElement(p.GetValue(values)));

    public static Task<TrialResult> RunAsync(ITrainer trainer, object sampled, object @fixed, CancellationToken cancellationToken = default) =>
        trainer.TrainAsync(Context(sampled, @fixed), cancellationToken);
}
