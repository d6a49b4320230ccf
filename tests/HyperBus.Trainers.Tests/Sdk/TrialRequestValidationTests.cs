using System.Text;
using System.Text.Json.Nodes;
using HyperBus.Trainer.Sdk.Hosting;

namespace HyperBus.Trainers.Tests.Sdk;

/// <summary>Which TrialRequested bodies the C# worker parks as malformed (contracts/schema/README.md, point 2).</summary>
public sealed class TrialRequestValidationTests
{
    private static JsonObject Minimal() => new()
    {
        ["studyId"] = Guid.NewGuid().ToString().ToUpperInvariant(),
        ["trialId"] = Guid.NewGuid().ToString(),
        ["number"] = 0,
        ["attempt"] = 1,
        ["trainer"] = "conformance",
        ["params"] = new JsonObject(),
    };

    private static string? Problem(JsonObject body) => TrialRequestValidation.Problem(Encoding.UTF8.GetBytes(body.ToJsonString()));

    [Fact]
    public void The_six_fields_suffice_and_unknown_ones_and_Z_deadlines_are_accepted()
    {
        var body = Minimal();
        Assert.Null(Problem(body));
        body["deadline"] = "2030-01-01T00:00:00.1234567Z";
        body["budget"] = new JsonObject { ["name"] = "epochs", ["amount"] = 2.5, ["unit"] = "epoch" };
        body["priority"] = 7;
        body["fixed"] = null;
        Assert.Null(Problem(body));
    }

    [Theory]
    [InlineData("studyId", null, "required field 'studyId' is missing")]
    [InlineData("trialId", "\"not-a-guid\"", "field 'trialId' is not a Guid")]
    [InlineData("number", "1.5", "field 'number' must be an integer")]
    [InlineData("attempt", "\"one\"", "field 'attempt' must be a number")]
    [InlineData("trainer", "3", "field 'trainer' must be a string")]
    [InlineData("params", "[]", "field 'params' must be an object")]
    [InlineData("fixed", "\"x\"", "field 'fixed' must be an object or null")]
    [InlineData("budget", "{\"name\":\"epochs\"}", "budget: required field 'amount' is missing")]
    [InlineData("deadline", "\"soon\"", "field 'deadline' is not an ISO-8601 date-time")]
    [InlineData("timeoutSeconds", "0", "field 'timeoutSeconds' must be positive")]
    public void A_missing_or_mistyped_field_is_named(string field, string? json, string reason)
    {
        var body = Minimal();
        if (json is null)
        {
            body.Remove(field);
        }
        else
        {
            body[field] = JsonNode.Parse(json);
        }

        Assert.StartsWith(reason, Problem(body), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("{oops", "body is not valid JSON")]
    [InlineData("[1,2]", "body is not a JSON object")]
    public void A_body_that_is_not_a_JSON_object_is_malformed(string body, string reason) =>
        Assert.StartsWith(reason, TrialRequestValidation.Problem(Encoding.UTF8.GetBytes(body)), StringComparison.Ordinal);
}
