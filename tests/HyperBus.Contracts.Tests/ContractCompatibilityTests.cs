using System.Text.Json;
using System.Text.Json.Nodes;

namespace HyperBus.Contracts.Tests;

/// <summary>
/// The compatibility rule of contracts/asyncapi.yaml: within a major version only additions (new optional
/// fields, new messages), and readers ignore unknown fields. The baseline of a major version is
/// contracts/compatibility/v{major}.json; write a new one (HYPERBUS_NEW_CONTRACT_BASELINE=1) only with a new major version.
/// </summary>
public sealed class ContractCompatibilityTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    [Fact]
    public void The_contract_only_adds_to_the_baseline_of_its_major_version()
    {
        var major = int.Parse(ContractVersion.Current.Split('.')[0], System.Globalization.CultureInfo.InvariantCulture);
        var path = ContractBaseline.PathFor(major);
        if (!File.Exists(path) && Environment.GetEnvironmentVariable("HYPERBUS_NEW_CONTRACT_BASELINE") == "1")
        {
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.WriteAllText(path, ContractBaseline.Current().ToJsonString(Indented) + "\n");
        }

        Assert.True(File.Exists(path), $"no baseline for contract major version {major} at {path}");
        var baseline = JsonNode.Parse(File.ReadAllText(path))!.AsObject();
        var breaks = ContractBaseline.Breaks(baseline, ContractBaseline.Current());

        Assert.True(breaks.Count == 0, $"contract {ContractVersion.Current} breaks {baseline["version"]}: {string.Join("; ", breaks)}. Make it an addition, or declare a new major version.");
    }

    [Fact]
    public void The_rule_catches_a_removed_a_retyped_and_a_newly_required_field()
    {
        var baseline = ContractBaseline.Current();
        var broken = ContractBaseline.Current();
        var requested = broken["messages"]!["TrialRequested"]!.AsObject();
        requested["properties"]!.AsObject().Remove("metric");
        requested["properties"]!["attempt"] = "string";
        requested["required"]!.AsArray().Add("timeoutSeconds");
        broken["messages"]!.AsObject().Remove("TrialFailed");

        var breaks = ContractBaseline.Breaks(baseline, broken);

        Assert.Contains("TrialRequested.metric: field removed or renamed", breaks);
        Assert.Contains(breaks, b => b.StartsWith("TrialRequested.attempt: type changed", StringComparison.Ordinal));
        Assert.Contains("TrialRequested.timeoutSeconds: newly required (old writers do not send it)", breaks);
        Assert.Contains("TrialFailed: message removed", breaks);
    }

    [Fact]
    public void An_added_optional_field_is_compatible()
    {
        var baseline = ContractBaseline.Current();
        var grown = ContractBaseline.Current();
        grown["messages"]!["TrialCompleted"]!["properties"]!["energyJoules"] = new JsonArray("number", "null");

        Assert.Empty(ContractBaseline.Breaks(baseline, grown));
    }

    public static TheoryData<string, string> MessagesWithUnknownFields() => new()
    {
        { nameof(TrialRequested), """{"studyId":"6a1f0c1e-3b7e-4d0a-9a51-2f3c1d9e8b70","trialId":"0B9E4F6A-8C2D-4E1F-B3A5-7D6C5B4A3F21","number":1,"attempt":1,"trainer":"t","metric":"m","params":{},"fixed":{},"budget":{"name":"epochs","amount":3,"unit":"epoch"},"checkpoint":null,"deadline":"2026-01-01T00:00:00Z","timeoutSeconds":null,"priority":7}""" },
        { nameof(TrialDecision), """{"studyId":"6a1f0c1e-3b7e-4d0a-9a51-2f3c1d9e8b70","trialId":"0b9e4f6a-8c2d-4e1f-b3a5-7d6c5b4a3f21","attempt":1,"step":3,"action":"stop","params":null,"checkpoint":null,"reason":"median rule"}""" },
        { nameof(TrialCompleted), """{"studyId":"6a1f0c1e-3b7e-4d0a-9a51-2f3c1d9e8b70","trialId":"0b9e4f6a-8c2d-4e1f-b3a5-7d6c5b4a3f21","attempt":1,"value":0.9,"values":null,"metrics":null,"pruned":false,"checkpoint":null,"artifact":null,"durationSeconds":1.5,"workerId":"w","gpu":"a100"}""" },
        { nameof(TrialFailed), """{"studyId":"6a1f0c1e-3b7e-4d0a-9a51-2f3c1d9e8b70","trialId":"0b9e4f6a-8c2d-4e1f-b3a5-7d6c5b4a3f21","attempt":2,"error":"boom","retryable":true,"workerId":"w","stack":["a","b"]}""" },
        { nameof(StudyProgressed), """{"studyId":"6a1f0c1e-3b7e-4d0a-9a51-2f3c1d9e8b70","target":10,"completed":1,"pruned":0,"failed":0,"running":2,"bestValue":null,"bestParams":null,"eta":"soon"}""" },
    };

    [Theory]
    [MemberData(nameof(MessagesWithUnknownFields))]
    public void Readers_ignore_unknown_fields_and_accept_any_Guid_and_enum_case_and_Z_timestamps(string message, string json)
    {
        var type = WireFormat.MessageTypes.Single(t => t.Name == message);
        var read = JsonSerializer.Deserialize(json, type, WireFormat.Options);

        Assert.NotNull(read);
        var trialId = type.GetProperty("TrialId")?.GetValue(read);
        Assert.True(trialId is null || (Guid)trialId == Guid.Parse("0b9e4f6a-8c2d-4e1f-b3a5-7d6c5b4a3f21"));
    }

    [Fact]
    public void A_1_0_StudyProgressed_without_the_warning_reads_as_no_warning()
    {
        const string json = """{"studyId":"6a1f0c1e-3b7e-4d0a-9a51-2f3c1d9e8b70","target":10,"completed":1,"pruned":0,"failed":0,"running":2,"bestValue":null,"bestParams":null}""";
        Assert.Null(JsonSerializer.Deserialize<StudyProgressed>(json, WireFormat.Options)!.Warning);
    }
}
