using System.Text.Json;
using System.Text.Json.Nodes;
using static HyperBus.Conformance.CaseChecks;

namespace HyperBus.Conformance;

/// <summary>Cases about what a worker publishes for a trial: values, metrics, reports, pruning, failures, budget and checkpoint.</summary>
public static class OutcomeCases
{
    public static IEnumerable<ConformanceCase> All()
    {
        yield return new("plain", "a request is answered by one TrialCompleted echoing its ids, with the trainer's value; sampled params win over fixed settings", PlainAsync);
        yield return new("wire-formats", "upper-case Guids and a deadline ending in Z are accepted; ids compare case-insensitively", FormatsAsync);
        yield return new("values-and-metrics", "several objective values and metrics travel in TrialCompleted (value = the first of values)", ValuesAsync);
        yield return new("continue-then-stop", "every report gets a decision; Continue goes on, Stop ends the trial as pruned with the last reported value and no further reports", PruneAsync);
        yield return new("retryable-then-retry", "an exception is TrialFailed retryable: true; the retry arrives as a new request with the same trialId and attempt + 1", RetryAsync);
        yield return new("non-retryable", "a failure another attempt cannot fix is TrialFailed retryable: false", FatalAsync);
        yield return new("budget-and-checkpoint", "budget.amount bounds the steps reported (step = units of the fidelity done); the request's checkpoint reaches the trainer; a checkpoint outside the worker's folder is refused (retryable: false)", BudgetAsync);
        yield return new("unknown-fields", "fields the contract does not know, in requests and decisions, are ignored", UnknownFieldsAsync);
    }

    private static async Task<string?> PlainAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("value", 0.25)));
        request["fixed"] = ConformanceRequest.Params(("value", 0.75), ("dataset", "none"));
        var (outcome, problem) = await RunAsync(probe, request, ct);
        if (outcome is null)
        {
            return problem;
        }

        var duration = outcome.Field("durationSeconds");
        return First(problem, Expect(outcome, "TrialCompleted"), ExpectNumber(outcome, "value", 0.25), ExpectBool(outcome, "pruned", false),
            duration.ValueKind == JsonValueKind.Number && duration.GetDouble() >= 0 ? null : $"durationSeconds is {duration}");
    }

    private static async Task<string?> FormatsAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("value", 0.5)));
        request["studyId"] = request["studyId"]!.GetValue<string>().ToUpperInvariant();
        request["trialId"] = request["trialId"]!.GetValue<string>().ToUpperInvariant();
        request["deadline"] = probe.Time.GetUtcNow().AddHours(24).UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fffffff'Z'", System.Globalization.CultureInfo.InvariantCulture);
        var (outcome, problem) = await RunAsync(probe, request, ct);
        return outcome is null ? problem : First(problem, Expect(outcome, "TrialCompleted"), ExpectNumber(outcome, "value", 0.5));
    }

    private static async Task<string?> ValuesAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(
            ("values", new JsonArray(0.3, 12.5)), ("metrics", ConformanceRequest.Params(("fold0", 0.29), ("fitSeconds", 1.5)))));
        var (outcome, problem) = await RunAsync(probe, request, ct);
        if (outcome is null)
        {
            return problem;
        }

        var values = outcome.Field("values");
        var metrics = outcome.Field("metrics");
        return First(problem, Expect(outcome, "TrialCompleted"), ExpectNumber(outcome, "value", 0.3),
            values.ValueKind == JsonValueKind.Array && values.EnumerateArray().Select(v => v.GetDouble()).SequenceEqual([0.3, 12.5]) ? null : $"values is {values}, expected [0.3,12.5]",
            metrics.ValueKind == JsonValueKind.Object && metrics.TryGetProperty("fold0", out var f) && f.GetDouble() == 0.29
                && metrics.TryGetProperty("fitSeconds", out var s) && s.GetDouble() == 1.5 ? null : $"metrics is {metrics}, expected fold0 0.29 and fitSeconds 1.5");
    }

    private static async Task<string?> PruneAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("reportSteps", 5)));
        var trialId = ConformanceRequest.TrialId(request);
        probe.Script(trialId, step => step >= 2 ? "Stop" : "Continue");
        var (outcome, problem) = await RunAsync(probe, request, ct);
        if (outcome is null)
        {
            return problem;
        }

        await Task.Delay(TimeSpan.FromMilliseconds(300), probe.Time, ct);
        var steps = probe.Seen(m => m.Type == "TrialReported" && m.TrialId == trialId).Select(m => m.Field("step").GetInt64()).ToList();
        return First(problem, Expect(outcome, "TrialCompleted"), ExpectBool(outcome, "pruned", true), ExpectNumber(outcome, "value", 0.2),
            steps.SequenceEqual([1L, 2L]) ? null : $"reported steps [{string.Join(", ", steps)}], expected [1, 2] (no report after Stop)");
    }

    private static async Task<string?> RetryAsync(WireProbe probe, CancellationToken ct)
    {
        var parameters = ConformanceRequest.Params(("fail", "retryable"), ("failUntilAttempt", 1), ("value", 0.625));
        var first = ConformanceRequest.New(probe, parameters);
        var (failed, problem) = await RunAsync(probe, first, ct);
        if (failed is null)
        {
            return problem;
        }

        if (First(problem, Expect(failed, "TrialFailed"), ExpectBool(failed, "retryable", true),
            failed.Field("error") is { ValueKind: JsonValueKind.String } e && e.GetString()!.Length > 0 ? null : "TrialFailed.error is empty") is { } bad)
        {
            return bad;
        }

        var retry = ConformanceRequest.New(probe, parameters.DeepClone().AsObject(), attempt: 2, trialId: ConformanceRequest.TrialId(first));
        retry["studyId"] = first["studyId"]!.GetValue<string>();
        var (completed, again) = await RunAsync(probe, retry, ct);
        return completed is null ? $"attempt 2: {again}" : First(again, Expect(completed, "TrialCompleted"), ExpectNumber(completed, "value", 0.625));
    }

    private static async Task<string?> FatalAsync(WireProbe probe, CancellationToken ct)
    {
        var (outcome, problem) = await RunAsync(probe, ConformanceRequest.New(probe, ConformanceRequest.Params(("fail", "fatal"))), ct);
        return outcome is null ? problem : First(problem, Expect(outcome, "TrialFailed"), ExpectBool(outcome, "retryable", false));
    }

    private static async Task<string?> BudgetAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe);
        var trialId = ConformanceRequest.TrialId(request);
        var checkpoint = $"conformance/{trialId:N}/state";
        request["budget"] = ConformanceRequest.Params(("name", "epochs"), ("amount", 3.0));
        request["checkpoint"] = checkpoint;
        var (outcome, problem) = await RunAsync(probe, request, ct);
        if (outcome is null)
        {
            return problem;
        }

        var steps = probe.Seen(m => m.Type == "TrialReported" && m.TrialId == trialId).Select(m => m.Field("step").GetInt64()).ToList();
        var resumed = outcome.Field("metrics");
        var failure = First(problem, Expect(outcome, "TrialCompleted"), ExpectNumber(outcome, "value", 3.0),
            steps.SequenceEqual([1L, 2L, 3L]) ? null : $"reported steps [{string.Join(", ", steps)}], expected [1, 2, 3] for budget epochs = 3",
            outcome.Field("checkpoint") is { ValueKind: JsonValueKind.String } c && c.GetString() == checkpoint ? null : $"TrialCompleted.checkpoint is {outcome.Field("checkpoint")}, expected the request's '{checkpoint}'",
            resumed.ValueKind == JsonValueKind.Object && resumed.TryGetProperty("resumed", out var r) && r.GetDouble() == 1 ? null : "metrics.resumed is not 1: the trainer did not see the checkpoint");
        if (failure is not null)
        {
            return failure;
        }

        var outside = ConformanceRequest.New(probe);
        outside["checkpoint"] = "../../outside-the-checkpoint-folder";
        var (refused, why) = await RunAsync(probe, outside, ct);
        return refused is null ? $"a checkpoint with '..': {why}" : First(why, Expect(refused, "TrialFailed"), ExpectBool(refused, "retryable", false));
    }

    private static async Task<string?> UnknownFieldsAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("value", 0.375), ("reportSteps", 1)));
        request["priority"] = 7;
        request["x-added-in-1.1"] = ConformanceRequest.Params(("nested", new JsonArray(1, "two", null)));
        var (outcome, problem) = await RunAsync(probe, request, ct);
        return outcome is null ? problem : First(problem, Expect(outcome, "TrialCompleted"), ExpectNumber(outcome, "value", 0.375), ExpectBool(outcome, "pruned", false));
    }
}
