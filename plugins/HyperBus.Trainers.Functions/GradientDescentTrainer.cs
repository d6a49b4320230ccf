using System.Text.Json;
using HyperBus.Trainer.Sdk;

namespace HyperBus.Trainers.Functions;

/// <summary>
/// Trainer kind <c>function-descent</c>: gradient descent with momentum on a test function, the smallest
/// honest model of training that resumes. The budget is the total number of steps; a trial given a
/// checkpoint continues from its step, point and velocity, so PBT can change the learning rate mid-run.
/// </summary>
/// <remarks>
/// Fixed settings: <c>function</c>, <c>dimensions</c> (default 2) and <c>start</c> (every coordinate's
/// starting value, default a tenth into each range). Parameters: <c>learningRate</c>, <c>momentum</c>
/// (default 0.9). The gradient is a central difference; the point is clamped into the function's box so a
/// too-large learning rate stalls at the edge instead of overflowing. The value is f at the last step.
/// </remarks>
public sealed class GradientDescentTrainer : ITrainer
{
    public const string Kind = "function-descent";
    private const string StateFile = "descent.json";

    public async Task<TrialResult> TrainAsync(TrialContext context, CancellationToken cancellationToken)
    {
        var p = context.Params;
        var name = p.GetString("function");
        var function = TestFunctions.Create(name, p.GetInt("dimensions", 2))
            ?? throw new TrialFailedException($"unknown function '{name}'; known: {string.Join(", ", TestFunctions.Names)}");
        var rate = p.GetDouble("learningRate");
        var momentum = p.GetDouble("momentum", 0.9);
        if (!(rate > 0) || momentum is < 0 or >= 1)
        {
            throw new TrialFailedException($"learningRate must be > 0 and momentum in [0, 1), got {rate} and {momentum}");
        }

        var state = context.Checkpoint is { } from ? await LoadAsync(from, function.Dimensions, cancellationToken) : Start(function, p);
        var total = (long)Math.Round(context.Budget?.Amount ?? p.GetDouble("steps", 100));
        var (x, v) = (state.X, state.Velocity);
        for (var step = state.Step; step < total; step++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var gradient = Gradient(function, x);
            for (var i = 0; i < x.Length; i++)
            {
                v[i] = (momentum * v[i]) - (rate * gradient[i]);
                x[i] = Math.Clamp(x[i] + v[i], function.Lower[i], function.Upper[i]);
            }
        }

        var value = function.Evaluate(x);
        var reached = Math.Max(total, state.Step);
        await context.ReportAsync(reached, value, cancellationToken: cancellationToken);
        var path = Path.Combine(context.CheckpointDirectory(), StateFile);
        await File.WriteAllTextAsync(path, JsonSerializer.Serialize(new DescentState(reached, x, v)), cancellationToken);
        return new TrialResult(value) { Checkpoint = path, Metrics = new Dictionary<string, double> { ["steps"] = reached } };
    }

    private static DescentState Start(TestFunction function, TrialParameters p)
    {
        var x = Enumerable.Range(0, function.Dimensions)
            .Select(i => p.Contains("start") ? p.GetDouble("start") : function.Lower[i] + (0.1 * (function.Upper[i] - function.Lower[i])))
            .ToArray();
        return new DescentState(0, x, new double[function.Dimensions]);
    }

    private static async Task<DescentState> LoadAsync(string path, int dimensions, CancellationToken cancellationToken)
    {
        if (!File.Exists(path))
        {
            // Not retryable: another attempt on this worker would not find it either (is the folder shared?).
            throw new TrialFailedException($"checkpoint '{path}' does not exist on this worker; set {CheckpointFolders.EnvironmentVariable} to a folder every worker shares");
        }

        var state = JsonSerializer.Deserialize<DescentState>(await File.ReadAllTextAsync(path, cancellationToken));
        if (state is null || state.X.Length != dimensions || state.Velocity.Length != dimensions)
        {
            throw new TrialFailedException($"checkpoint '{path}' is not a {dimensions}-dimensional descent state");
        }

        return state;
    }

    private static double[] Gradient(TestFunction function, double[] x)
    {
        var g = new double[x.Length];
        for (var i = 0; i < x.Length; i++)
        {
            var h = 1e-6 * (function.Upper[i] - function.Lower[i]);
            var saved = x[i];
            x[i] = saved + h;
            var up = function.Evaluate(x);
            x[i] = saved - h;
            var down = function.Evaluate(x);
            x[i] = saved;
            g[i] = (up - down) / (2 * h);
        }

        return g;
    }
}
