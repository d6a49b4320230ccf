using System.Diagnostics;
using HyperBus.Contracts;

namespace HyperBus.Conformance;

/// <summary>Drives a running worker through every case of the contract, one case at a time.</summary>
public static class ConformanceRun
{
    public static IReadOnlyList<ConformanceCase> Cases { get; } = [.. OutcomeCases.All(), .. RobustnessCases.All()];

    public static async Task<ConformanceReport> RunAsync(ConformanceOptions options, TimeProvider time, Action<CaseResult>? progress, CancellationToken cancellationToken)
    {
        await using var probe = await WireProbe.ConnectAsync(options, time, cancellationToken);
        var presence = await WaitForWorkerAsync(probe, cancellationToken);
        progress?.Invoke(presence);
        if (!presence.Passed)
        {
            return new ConformanceReport(options.Trainer, ContractVersion.Current, [presence]);
        }

        await probe.BindTrainerQueueAsync(cancellationToken);
        var results = new List<CaseResult> { presence };
        foreach (var @case in Cases.Where(c => options.Cases?.Contains(c.Name) ?? true))
        {
            var clock = Stopwatch.StartNew();
            string? problem;
            try
            {
                problem = await @case.Check(probe, cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                problem = $"the case itself failed: {e.GetType().Name}: {e.Message}";
            }

            var result = new CaseResult(@case.Name, @case.Promise, problem is null, problem, Math.Round(clock.Elapsed.TotalSeconds, 2));
            results.Add(result);
            progress?.Invoke(result);
        }

        return new ConformanceReport(options.Trainer, ContractVersion.Current, results);
    }

    private static async Task<CaseResult> WaitForWorkerAsync(WireProbe probe, CancellationToken ct)
    {
        const string promise = "a worker consumes hyperbus-trainer-<kind>";
        var clock = Stopwatch.StartNew();
        uint? consumers;
        while ((consumers = await probe.ConsumerCountAsync(ct)) is null or 0 && clock.Elapsed < probe.Options.WaitForWorker)
        {
            await Task.Delay(TimeSpan.FromMilliseconds(250), probe.Time, ct);
        }

        var seconds = Math.Round(clock.Elapsed.TotalSeconds, 2);
        return consumers is > 0
            ? new CaseResult("worker-present", promise, true, null, seconds)
            : new CaseResult("worker-present", promise, false,
                $"no worker consumes {probe.TrainerQueue} ({(consumers is null ? "the queue does not exist" : "0 consumers")}) after {probe.Options.WaitForWorker.TotalSeconds:0} s", seconds);
    }
}
