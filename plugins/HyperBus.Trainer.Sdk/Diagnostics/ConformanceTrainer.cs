namespace HyperBus.Trainer.Sdk.Diagnostics;

/// <summary>
/// Behaves as the request says, so <c>hyperbus conformance</c> can drive a worker through every case of
/// the wire contract (contracts/schema/README.md, "Conformance trainer"; the Python SDK and the Node.js
/// example implement the same knobs): <c>value</c>, <c>values</c>, <c>metrics</c>, <c>reportSteps</c>,
/// <c>stepSeconds</c>, <c>sleepSeconds</c> (ignoring cancellation, like a hung trainer), <c>fail</c>
/// (retryable | fatal) up to <c>failUntilAttempt</c>; a budget sets the steps and the value, a checkpoint
/// is handed back.
/// </summary>
public sealed class ConformanceTrainer : ITrainer
{
    public const string Kind = "conformance";

    public async Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken)
    {
        var p = context.Params;
        if (p.Contains("fail") && context.Attempt <= p.GetInt("failUntilAttempt", int.MaxValue))
        {
            var fatal = p.GetString("fail") == "fatal";
            return fatal
                ? throw new TrialFailedException($"conformance: asked to fail for good on attempt {context.Attempt}")
                : throw new InvalidOperationException($"conformance: asked to fail on attempt {context.Attempt}");
        }

        if (p.GetDouble("sleepSeconds", 0) is var sleep and > 0)
        {
            // Deliberately deaf to the token: the worker, not the trainer, must enforce the deadline.
            await Task.Delay(TimeSpan.FromSeconds(sleep), CancellationToken.None);
        }

        var steps = p.Contains("reportSteps") ? p.GetInt("reportSteps") : (int)Math.Round(context.Budget?.Amount ?? 0);
        var stepDelay = TimeSpan.FromSeconds(p.GetDouble("stepSeconds", 0));
        for (var step = 1; step <= steps; step++)
        {
            if (stepDelay > TimeSpan.Zero)
            {
                await Task.Delay(stepDelay, cancellationToken);
            }

            if (await context.ReportAsync(step, 0.1 * step, cancellationToken: cancellationToken) == Contracts.TrialAction.Stop)
            {
                return new TrialResult(0.1 * step);
            }
        }

        var values = p.Contains("values") ? p.GetRaw("values").EnumerateArray().Select(v => v.GetDouble()).ToList() : null;
        var metrics = p.Contains("metrics")
            ? p.GetRaw("metrics").EnumerateObject().ToDictionary(m => m.Name, m => m.Value.GetDouble(), StringComparer.Ordinal)
            : new Dictionary<string, double>(StringComparer.Ordinal);
        if (context.Checkpoint is not null)
        {
            metrics["resumed"] = 1;
        }

        var value = values?[0] ?? (p.Contains("value") ? p.GetDouble("value") : context.Budget?.Amount ?? 0.5);
        return new TrialResult(value) { Values = values, Metrics = metrics.Count > 0 ? metrics : null, Checkpoint = context.Checkpoint };
    }
}
