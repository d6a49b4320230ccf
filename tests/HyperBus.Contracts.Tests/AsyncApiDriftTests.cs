using System.Text.Json.Nodes;
using YamlDotNet.RepresentationModel;

namespace HyperBus.Contracts.Tests;

/// <summary>
/// contracts/asyncapi.yaml must describe exactly the records and the schemas: every message with its
/// schema, type header and a channel whose address is the name the code uses; operations pointing at
/// real channels; the version and size limit the code has.
/// </summary>
public sealed class AsyncApiDriftTests
{
    private static readonly AsyncApiDocument Doc = AsyncApiDocument.Load();

    public static TheoryData<string> Messages()
    {
        var data = new TheoryData<string>();
        foreach (var type in WireFormat.Messages)
        {
            data.Add(type.Name);
        }

        return data;
    }

    [Fact]
    public void Document_is_AsyncAPI_3_with_the_contract_version_and_size_limit_of_the_code()
    {
        Assert.Equal("3.0.0", Doc.Text("asyncapi"));
        Assert.Equal(ContractVersion.Current, Doc.Text("info", "version"));
        Assert.Equal(WireLimits.MaxMessageBytes.ToString(System.Globalization.CultureInfo.InvariantCulture), Doc.Text("info", "x-max-message-bytes"));
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_has_its_schema_and_type_header(string name)
    {
        var urn = $"urn:message:HyperBus.Contracts:{name}";
        var schemaPath = Path.Combine(SchemaGenerator.SchemaDirectory(), $"{name}.schema.json");
        var schema = JsonNode.Parse(File.ReadAllText(schemaPath))!;

        Assert.Equal($"./schema/{name}.schema.json", Doc.Text("components", "messages", name, "payload", "$ref"));
        Assert.Equal(urn, Doc.Text("components", "messages", name, "headers", "properties", "MT-MessageType", "const"));
        Assert.Equal(urn, Doc.Text("components", "messages", name, "bindings", "amqp", "messageType"));
        Assert.Equal(urn, schema["x-message-type"]!.GetValue<string>());
    }

    [Theory]
    [MemberData(nameof(Messages))]
    public void Message_travels_on_a_channel_named_as_in_the_code(string name)
    {
        var expected = name switch
        {
            "TrialRequested" => MessageNames.TrainerQueue("{kind}"),
            "TrialDecision" => MessageNames.DecisionExchange,
            "SubmitStudy" or "CancelStudy" or "PauseStudy" or "ResumeStudy" => MessageNames.HostQueue,
            _ => $"HyperBus.Contracts:{name}",
        };
        var addresses = Channels().Where(c => CarriedMessages(c.Value).Contains(name)).Select(c => Address(c.Value)).ToList();

        Assert.Contains(expected, addresses);
    }

    [Fact]
    public void Component_messages_are_the_records_and_the_parked_request()
    {
        var names = Doc.Map("components", "messages").Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToHashSet();
        var records = WireFormat.Messages.Select(t => t.Name).Append("ParkedTrialRequested").ToHashSet();

        Assert.Equal(records.Order(StringComparer.Ordinal), names.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Every_channel_message_and_operation_reference_resolves()
    {
        foreach (var (name, channel) in Channels())
        {
            foreach (var reference in References(channel))
            {
                Assert.True(Resolves(reference), $"channel {name}: {reference} does not resolve");
            }
        }

        foreach (var (key, operation) in Doc.Map("operations").Children)
        {
            var channelRef = ((YamlScalarNode)((YamlMappingNode)operation)[new YamlScalarNode("channel")][new YamlScalarNode("$ref")]).Value!;
            Assert.True(Resolves(channelRef), $"operation {key}: channel {channelRef} does not resolve");
            foreach (var reference in References(((YamlMappingNode)operation)[new YamlScalarNode("messages")]))
            {
                Assert.StartsWith(channelRef + "/messages/", reference, StringComparison.Ordinal);
                Assert.True(Resolves(reference), $"operation {key}: {reference} does not resolve");
            }
        }
    }

    [Fact]
    public void Parts_of_messages_carry_no_message_type()
    {
        foreach (var part in WireFormat.PartTypes)
        {
            var schema = JsonNode.Parse(File.ReadAllText(Path.Combine(SchemaGenerator.SchemaDirectory(), $"{part.Name}.schema.json")))!.AsObject();
            Assert.False(schema.ContainsKey("x-message-type"), $"{part.Name} is not a message but its schema has x-message-type");
            Assert.False(Doc.Has("components", "messages", part.Name));
        }
    }

    private static IEnumerable<KeyValuePair<string, YamlMappingNode>> Channels() =>
        Doc.Map("channels").Children.Select(c => new KeyValuePair<string, YamlMappingNode>(((YamlScalarNode)c.Key).Value!, (YamlMappingNode)c.Value));

    private static string Address(YamlMappingNode channel) => ((YamlScalarNode)channel[new YamlScalarNode("address")]).Value!;

    private static IEnumerable<string> CarriedMessages(YamlMappingNode channel) =>
        References(channel).Where(r => r.StartsWith("#/components/messages/", StringComparison.Ordinal)).Select(r => r.Split('/')[^1]);

    private static IEnumerable<string> References(YamlNode node) => node switch
    {
        YamlMappingNode map => map.Children.SelectMany(c => ((YamlScalarNode)c.Key).Value == "$ref" && c.Value is YamlScalarNode s
            ? [s.Value!]
            : References(c.Value)),
        YamlSequenceNode list => list.Children.SelectMany(References),
        _ => [],
    };

    private static bool Resolves(string reference)
    {
        try
        {
            Doc.Resolve(reference);
            return true;
        }
        catch (KeyNotFoundException)
        {
            return false;
        }
    }
}
