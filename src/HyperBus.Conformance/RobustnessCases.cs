using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using static HyperBus.Conformance.CaseChecks;

namespace HyperBus.Conformance;

/// <summary>Cases about a worker under bad input and time: parking, duplicates, deadlines, the size limit.</summary>
public static class RobustnessCases
{
    /// <summary>The size limit of every message (the host and both SDKs refuse bigger ones).</summary>
    public const int MaxMessageBytes = Contracts.WireLimits.MaxMessageBytes;

    public static IEnumerable<ConformanceCase> All()
    {
        yield return new("malformed-parked", "a body that is not JSON, lacks a required field or has one of the wrong type is parked unchanged in <queue>_error with MT-Reason, MT-Fault-Message, MT-Fault-ExceptionType and an ISO-8601 MT-Fault-Timestamp; nothing is published for it; the worker goes on", MalformedAsync);
        yield return new("duplicate-delivery", "a request delivered twice (same trialId and attempt) gets an outcome and both deliveries are acknowledged", DuplicateAsync);
        yield return new("trial-timeout", "a trainer silent for timeoutSeconds (from taking the request) is failed retryable within the 2-s grace and its slot freed", TimeoutAsync);
        yield return new("deadline-without-timeout", "without timeoutSeconds the absolute deadline is enforced the same way", DeadlineAsync);
        yield return new("reports-extend-timeout", "each report restarts the timeoutSeconds clock: a trial longer than it but reporting in time completes", ReportsExtendAsync);
        yield return new("size-limit", "a request over 1 MiB is parked with the reason headers, never trained", SizeLimitAsync);
    }

    private static async Task<string?> MalformedAsync(WireProbe probe, CancellationToken ct)
    {
        var missing = ConformanceRequest.New(probe);
        missing.Remove("trialId");
        var wrongType = ConformanceRequest.New(probe);
        wrongType["attempt"] = "one";
        var bodies = new (string Why, byte[] Body)[]
        {
            ("not JSON", Encoding.UTF8.GetBytes("{\"studyId\": oops")),
            ("a JSON array", Encoding.UTF8.GetBytes("[1,2,3]")),
            ("no trialId", Encoding.UTF8.GetBytes(missing.ToJsonString())),
            ("attempt as a string", Encoding.UTF8.GetBytes(wrongType.ToJsonString())),
        };
        foreach (var (why, body) in bodies)
        {
            if (await ParkedProblemAsync(probe, why, body, unchanged: true, ct) is { } problem)
            {
                return problem;
            }
        }

        var studies = new[] { missing, wrongType }.Select(r => r["studyId"]!.GetValue<string>()).ToHashSet(StringComparer.OrdinalIgnoreCase);
        var published = probe.Seen(m => m.Type != "Parked" && m.Field("studyId").ValueKind == System.Text.Json.JsonValueKind.String && studies.Contains(m.Field("studyId").GetString()!));
        return published.Count > 0 ? $"published {published[0].Type} for a malformed request" : await StillServesAsync(probe, "malformed requests", ct);
    }

    private static async Task<string?> ParkedProblemAsync(WireProbe probe, string why, byte[] body, bool unchanged, CancellationToken ct)
    {
        var id = Guid.NewGuid().ToString();
        await probe.SendRawAsync(body, id, ct);
        var parked = await probe.WaitForAsync(m => m.Type == "Parked" && m.Headers.GetValueOrDefault(WireProbe.ConformanceIdHeader) == id, probe.Options.OutcomeTimeout, ct);
        if (parked is null)
        {
            return $"a request with {why} was not parked in {probe.ErrorExchange} (original headers kept) within {probe.Options.OutcomeTimeout.TotalSeconds:0} s";
        }

        if (unchanged && !parked.RawBody.Span.SequenceEqual(body))
        {
            return $"the parked copy of a request with {why} is not the original body";
        }

        var h = parked.Headers;
        return First(
            h.GetValueOrDefault("MT-Reason") == "fault" ? null : $"parked ({why}): MT-Reason is '{h.GetValueOrDefault("MT-Reason")}', expected 'fault'",
            h.GetValueOrDefault("MT-Fault-Message") is { Length: > 0 } ? null : $"parked ({why}): MT-Fault-Message (the reason) is missing",
            h.GetValueOrDefault("MT-Fault-ExceptionType") is { Length: > 0 } ? null : $"parked ({why}): MT-Fault-ExceptionType is missing",
            h.GetValueOrDefault("MT-Fault-Timestamp") is { } stamp && DateTimeOffset.TryParse(stamp, CultureInfo.InvariantCulture, DateTimeStyles.None, out _) && stamp.Contains('T', StringComparison.Ordinal)
                ? null : $"parked ({why}): MT-Fault-Timestamp '{h.GetValueOrDefault("MT-Fault-Timestamp")}' is not an ISO-8601 string");
    }

    private static async Task<string?> DuplicateAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("value", 0.875)));
        var trialId = ConformanceRequest.TrialId(request);
        await probe.SendAsync(request, trialId.ToString(), ct);
        var (outcome, problem) = await RunAsync(probe, request, ct);
        if (outcome is null)
        {
            return problem;
        }

        var outcomes = probe.Seen(m => m.TrialId == trialId && m.Type is "TrialCompleted" or "TrialFailed");
        return First(problem, outcomes.All(o => o.Type == "TrialCompleted" && o.Field("value").GetDouble() == 0.875) ? null : $"outcomes of the duplicate differ: {string.Join(" / ", outcomes.Select(Text))}")
            ?? await StillServesAsync(probe, "a duplicate delivery", ct);
    }

    private static async Task<string?> TimeoutAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("sleepSeconds", 30)));
        request["timeoutSeconds"] = 2.0;
        return await ExpectTimedOutAsync(probe, request, 2, ct);
    }

    private static async Task<string?> DeadlineAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("sleepSeconds", 30)));
        request["timeoutSeconds"] = null;
        request["deadline"] = probe.Time.GetUtcNow().AddSeconds(2).ToString("O", CultureInfo.InvariantCulture);
        return await ExpectTimedOutAsync(probe, request, 2, ct);
    }

    private static async Task<string?> ExpectTimedOutAsync(WireProbe probe, JsonObject request, double seconds, CancellationToken ct)
    {
        var sent = probe.Now;
        const double grace = 2;
        var (outcome, problem) = await RunAsync(probe, request, ct, TimeSpan.FromSeconds(seconds + grace + 6));
        if (outcome is null)
        {
            return problem;
        }

        var after = (outcome.At - sent).TotalSeconds;
        return First(problem, Expect(outcome, "TrialFailed"), ExpectBool(outcome, "retryable", true),
            after >= seconds - 0.5 ? null : $"failed after {after:0.0} s, before the {seconds:0} s allowed")
            ?? await StillServesAsync(probe, "an abandoned, still running trainer", ct);
    }

    private static async Task<string?> ReportsExtendAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("reportSteps", 4), ("stepSeconds", 1.25), ("value", 0.5)));
        request["timeoutSeconds"] = 2.0;
        var (outcome, problem) = await RunAsync(probe, request, ct, TimeSpan.FromSeconds(20));
        return outcome is null ? problem : First(problem, Expect(outcome, "TrialCompleted"), ExpectNumber(outcome, "value", 0.5));
    }

    private static async Task<string?> SizeLimitAsync(WireProbe probe, CancellationToken ct)
    {
        var request = ConformanceRequest.New(probe, ConformanceRequest.Params(("value", 0.5)));
        request["padding"] = new string('x', MaxMessageBytes);
        var body = Encoding.UTF8.GetBytes(request.ToJsonString());
        var studyId = request["studyId"]!.GetValue<string>();
        // A worker may park the oversized body truncated to the limit, so only the headers are checked.
        var problem = await ParkedProblemAsync(probe, $"a {body.Length}-byte body", body, unchanged: false, ct);
        var trained = probe.Seen(m => m.Type != "Parked" && m.Field("studyId").ValueKind == System.Text.Json.JsonValueKind.String && m.Field("studyId").GetString() == studyId);
        return problem ?? (trained.Count > 0 ? $"an oversized request was trained ({trained[0].Type})" : await StillServesAsync(probe, "an oversized request", ct));
    }
}
