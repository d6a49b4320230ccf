using System.Globalization;
using System.Text.Json.Nodes;

namespace HyperBus.Conformance;

/// <summary>A TrialRequested body as the host writes it, for the <c>conformance</c> trainer kind's behaviour knobs.</summary>
public static class ConformanceRequest
{
    /// <summary>The kind every SDK and example worker registers for the kit: it behaves as the request's params say.</summary>
    public const string TrainerKind = "conformance";

    public static JsonObject New(WireProbe probe, JsonObject? parameters = null, int attempt = 1, Guid? trialId = null)
    {
        var now = probe.Time.GetUtcNow();
        return new JsonObject
        {
            ["studyId"] = Guid.NewGuid().ToString(),
            ["trialId"] = (trialId ?? Guid.NewGuid()).ToString(),
            ["number"] = 0,
            ["attempt"] = attempt,
            ["trainer"] = probe.Options.Trainer,
            ["metric"] = "score",
            ["params"] = parameters ?? new JsonObject(),
            ["fixed"] = new JsonObject(),
            ["budget"] = null,
            ["checkpoint"] = null,
            // As the host writes it: the queued bound (24 h), while timeoutSeconds is what a running attempt gets.
            ["deadline"] = now.AddHours(24).ToString("yyyy-MM-dd'T'HH:mm:ss.fffffffzzz", CultureInfo.InvariantCulture),
            ["timeoutSeconds"] = 30.0,
        };
    }

    public static Guid TrialId(JsonObject request) => Guid.Parse(request["trialId"]!.GetValue<string>());

    public static JsonObject Params(params (string Name, JsonNode? Value)[] values)
    {
        var result = new JsonObject();
        foreach (var (name, value) in values)
        {
            result[name] = value;
        }

        return result;
    }
}
