using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperBus.Conformance;

/// <summary>Steps the cases share: send a request and wait for its outcome, and the checks every outcome must pass.</summary>
public static class CaseChecks
{
    /// <summary>Sends <paramref name="request"/> and returns its outcome, or a failure naming what was missing or wrong.</summary>
    public static async Task<(ObservedMessage? Outcome, string? Problem)> RunAsync(WireProbe probe, JsonObject request, CancellationToken ct, TimeSpan? timeout = null)
    {
        var trialId = ConformanceRequest.TrialId(request);
        var attempt = request["attempt"]!.GetValue<int>();
        await probe.SendAsync(request, trialId.ToString(), ct);
        var outcome = await probe.OutcomeAsync(trialId, attempt, timeout ?? probe.Options.OutcomeTimeout, ct);
        if (outcome is null)
        {
            return (null, $"no TrialCompleted or TrialFailed for trial {trialId} attempt {attempt} within {(timeout ?? probe.Options.OutcomeTimeout).TotalSeconds:0} s");
        }

        return (outcome, Problems(probe, request, outcome));
    }

    /// <summary>What is wrong with the events of one attempt: shapes, echoed ids, the worker id, TrialStarted order.</summary>
    public static string? Problems(WireProbe probe, JsonObject request, ObservedMessage outcome)
    {
        var trialId = ConformanceRequest.TrialId(request);
        var attempt = request["attempt"]!.GetValue<int>();
        var studyId = Guid.Parse(request["studyId"]!.GetValue<string>());
        var events = probe.Seen(m => m.TrialId == trialId && m.Attempt == attempt && m.Type != "Parked");
        foreach (var e in events)
        {
            if (ContractShape.Problem(e.Type, e.Body) is { } shape)
            {
                return shape;
            }

            if (!Guid.TryParse(e.Field("studyId").GetString(), out var s) || s != studyId)
            {
                return $"{e.Type}.studyId is {e.Field("studyId").GetRawText()}, not the request's {studyId}";
            }

            if (e.Field("workerId").GetString() is not { Length: > 0 })
            {
                return $"{e.Type}.workerId is empty";
            }

            if (e.Headers.GetValueOrDefault("MT-MessageType") != $"urn:message:HyperBus.Contracts:{e.Type}")
            {
                return $"{e.Type} has MT-MessageType '{e.Headers.GetValueOrDefault("MT-MessageType")}', not 'urn:message:HyperBus.Contracts:{e.Type}'";
            }
        }

        // A redelivered attempt may announce itself again (README point 7), so only the first start counts.
        var started = events.Where(e => e.Type == "TrialStarted").ToList();
        if (started.Count > 0 && started.Min(s => s.At) > outcome.At)
        {
            return "TrialStarted came after the outcome";
        }

        return events.Where(e => e.Type is "TrialCompleted" or "TrialFailed").Select(e => e.Type).Distinct().Count() > 1
            ? "the attempt got both a TrialCompleted and a TrialFailed"
            : null;
    }

    public static string? Expect(ObservedMessage outcome, string type) =>
        outcome.Type == type ? null : $"expected {type}, got {outcome.Type}: {Text(outcome)}";

    public static string? ExpectNumber(ObservedMessage outcome, string field, double expected)
    {
        var value = outcome.Field(field);
        return value.ValueKind == JsonValueKind.Number && Math.Abs(value.GetDouble() - expected) < 1e-9
            ? null
            : $"{outcome.Type}.{field} is {Raw(value)}, expected {expected.ToString(CultureInfo.InvariantCulture)}";
    }

    public static string? ExpectBool(ObservedMessage outcome, string field, bool expected)
    {
        var value = outcome.Field(field);
        return value.ValueKind == (expected ? JsonValueKind.True : JsonValueKind.False) ? null : $"{outcome.Type}.{field} is {Raw(value)}, expected {(expected ? "true" : "false")}";
    }

    /// <summary>The first non-null problem, so a case reads as a list of expectations.</summary>
    public static string? First(params string?[] problems) => problems.FirstOrDefault(p => p is not null);

    /// <summary>Proves the worker still serves after a case that could wedge it (a parked, duplicate or hung request).</summary>
    public static async Task<string?> StillServesAsync(WireProbe probe, string after, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("value", 0.125)));
        var (outcome, problem) = await RunAsync(probe, request, ct);
        if (outcome is null)
        {
            return $"after {after} the worker served no further request: {problem}";
        }

        return First(problem, Expect(outcome, "TrialCompleted"));
    }

    public static string Text(ObservedMessage message) => message.Body is { } b ? Clip(b.GetRawText()) : "(not JSON)";

    private static string Raw(JsonElement value) => value.ValueKind == JsonValueKind.Undefined ? "missing" : Clip(value.GetRawText());

    private static string Clip(string text) => text.Length <= 300 ? text : text[..300] + "...";
}
