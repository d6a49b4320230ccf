using YamlDotNet.RepresentationModel;

namespace HyperBus.Contracts.Tests;

/// <summary>contracts/asyncapi.yaml, loaded as a YAML tree (anchors and aliases resolved by YamlDotNet).</summary>
public sealed class AsyncApiDocument
{
    private AsyncApiDocument(YamlMappingNode root) => Root = root;

    public YamlMappingNode Root { get; }

    public static string PathOnDisk => Path.Combine(SchemaGenerator.SchemaDirectory(), "..", "asyncapi.yaml");

    public static AsyncApiDocument Load()
    {
        using var reader = new StreamReader(PathOnDisk);
        var stream = new YamlStream();
        stream.Load(reader);
        return new AsyncApiDocument((YamlMappingNode)stream.Documents[0].RootNode);
    }

    public YamlMappingNode Map(params string[] path) => (YamlMappingNode)Node(path);

    public string Text(params string[] path) => ((YamlScalarNode)Node(path)).Value!;

    public bool Has(params string[] path) => TryNode(path) is not null;

    public YamlNode Node(params string[] path) => TryNode(path) ?? throw new KeyNotFoundException($"asyncapi.yaml has no {string.Join(".", path)}");

    /// <summary>Follows a local <c>$ref</c> such as <c>#/channels/trainerQueue/messages/TrialRequested</c>.</summary>
    public YamlNode Resolve(string reference)
    {
        Assert.StartsWith("#/", reference, StringComparison.Ordinal);
        return Node(reference[2..].Split('/'));
    }

    private YamlNode? TryNode(string[] path)
    {
        YamlNode node = Root;
        foreach (var key in path)
        {
            if (node is not YamlMappingNode map || !map.Children.TryGetValue(new YamlScalarNode(key), out var next))
            {
                return null;
            }

            node = next;
        }

        return node;
    }
}
