using System.Text.Json;

namespace HyperBus.Contracts.Tests;

public sealed class RoundTripTests
{
    [Fact]
    public void TrialRequested_round_trips_in_camel_case_with_parameter_values_of_every_type()
    {
        var message = new TrialRequested(Guid.NewGuid(), Guid.NewGuid(), 3, 2, "sklearn-svc", "accuracy",
            new Dictionary<string, JsonElement>
            {
                ["C"] = JsonSerializer.SerializeToElement(0.5),
                ["degree"] = JsonSerializer.SerializeToElement(3L),
                ["kernel"] = JsonSerializer.SerializeToElement("rbf"),
                ["shrinking"] = JsonSerializer.SerializeToElement(true),
            },
            new Dictionary<string, JsonElement> { ["dataset"] = JsonSerializer.SerializeToElement("iris") },
            new TrialBudget("epochs", 9), null, DateTimeOffset.Parse("2026-01-01T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture));

        var json = JsonSerializer.Serialize(message, WireFormat.Options);
        var back = JsonSerializer.Deserialize<TrialRequested>(json, WireFormat.Options)!;

        Assert.Contains("\"studyId\"", json, StringComparison.Ordinal);
        Assert.Contains("\"budget\":{\"name\":\"epochs\",\"amount\":9}", json, StringComparison.Ordinal);
        Assert.Equal(message.TrialId, back.TrialId);
        Assert.Equal(0.5, back.Params["C"].GetDouble());
        Assert.Equal(3, back.Params["degree"].GetInt64());
        Assert.Equal("rbf", back.Params["kernel"].GetString());
        Assert.True(back.Params["shrinking"].GetBoolean());
        Assert.Equal(message.Budget, back.Budget);
    }

    [Fact]
    public void Actions_travel_as_names_not_numbers()
    {
        var decision = new TrialDecision(Guid.NewGuid(), Guid.NewGuid(), 1, 4, TrialAction.Stop, null, null);
        var json = JsonSerializer.Serialize(decision, WireFormat.Options);
        Assert.Contains("\"action\":\"Stop\"", json, StringComparison.Ordinal);
        Assert.Equal(TrialAction.Stop, JsonSerializer.Deserialize<TrialDecision>(json, WireFormat.Options)!.Action);
    }

    [Fact]
    public void A_message_missing_a_required_field_is_refused()
    {
        const string json = """{"studyId":"6f1c1f4e-8b7d-4a53-9d8c-1e2f3a4b5c6d","attempt":1,"error":"boom","retryable":true,"workerId":"w"}""";
        Assert.Throws<JsonException>(() => JsonSerializer.Deserialize<TrialFailed>(json, WireFormat.Options));
    }
}
