using System.Globalization;
using System.Text.Json.Nodes;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace HyperBus.Core.Specs;

/// <summary>
/// Reads a YAML (or JSON, which is YAML) document into a JSON tree, typing plain scalars the way YAML 1.2's
/// core schema does, so the rest of the spec code only deals with JSON.
/// </summary>
public static class YamlToJson
{
    public static JsonNode? Convert(string text)
    {
        var stream = new YamlStream();
        try
        {
            YamlBounds.Check(text);
            stream.Load(new StringReader(text));
        }
        catch (YamlException e)
        {
            throw new SpecException([new SpecError($"line {e.Start.Line}, column {e.Start.Column}", $"malformed YAML: {FirstLine(e.Message)}")]);
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's scanner throws this (with no position) on some malformed plain scalars.
            throw new SpecException([new SpecError("spec", "malformed YAML: a plain (unquoted) value the YAML reader cannot read; quote it")]);
        }

        return stream.Documents.Count switch
        {
            0 => null,
            1 => ToNode(stream.Documents[0].RootNode, string.Empty),
            _ => throw new SpecException([new SpecError("spec", "holds more than one YAML document")]),
        };
    }

    private static JsonNode? ToNode(YamlNode node, string path) => node switch
    {
        YamlMappingNode map => ToObject(map, path),
        YamlSequenceNode seq => new JsonArray(seq.Children.Select((c, i) => ToNode(c, $"{path}[{i}]")).ToArray()),
        YamlScalarNode scalar => ToScalar(scalar),
        _ => throw new SpecException([new SpecError(path.Length == 0 ? "spec" : path, $"unsupported YAML node {node.NodeType}")]),
    };

    private static JsonObject ToObject(YamlMappingNode map, string path)
    {
        var obj = new JsonObject();
        foreach (var (keyNode, valueNode) in map.Children)
        {
            if (keyNode is not YamlScalarNode { Value: { } key })
            {
                throw new SpecException([new SpecError(path.Length == 0 ? "spec" : path, "has a key that is not a plain name")]);
            }

            if (string.IsNullOrWhiteSpace(key))
            {
                throw new SpecException([new SpecError(path.Length == 0 ? "spec" : path, "has an empty key")]);
            }

            if (obj.ContainsKey(key))
            {
                throw new SpecException([new SpecError(path.Length == 0 ? key : $"{path}.{key}", "is given twice")]);
            }

            obj[key] = ToNode(valueNode, path.Length == 0 ? key : $"{path}.{key}");
        }

        return obj;
    }

    private static JsonNode? ToScalar(YamlScalarNode scalar)
    {
        var text = scalar.Value ?? string.Empty;
        if (scalar.Style is not ScalarStyle.Plain)
        {
            return JsonValue.Create(text);
        }

        switch (text)
        {
            case "" or "~" or "null" or "Null" or "NULL":
                return null;
            case "true" or "True" or "TRUE":
                return JsonValue.Create(true);
            case "false" or "False" or "FALSE":
                return JsonValue.Create(false);
        }

        if (long.TryParse(text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var l))
        {
            return JsonValue.Create(l);
        }

        if (double.TryParse(text, NumberStyles.Float, CultureInfo.InvariantCulture, out var d) && double.IsFinite(d))
        {
            return JsonValue.Create(d);
        }

        return JsonValue.Create(text);
    }

    private static string FirstLine(string message)
    {
        var i = message.IndexOf('\n', StringComparison.Ordinal);
        return i < 0 ? message : message[..i];
    }
}
