using System.Text.Json;
using System.Text.Json.Nodes;
using HyperBus.Core.Space;

namespace HyperBus.Core.Specs;

/// <summary>Reads <c>enqueue: [{C: 1.0, kernel: rbf}, ...]</c>: configurations to run first, each checked against the space.</summary>
public static class EnqueueSpecReader
{
    public static IReadOnlyList<ParameterSet> Read(SpecObjectReader r, SearchSpace space)
    {
        var list = r.Array("enqueue");
        if (list is null)
        {
            return [];
        }

        var result = new List<ParameterSet>(list.Count);
        for (var i = 0; i < list.Count; i++)
        {
            var at = $"{r.At("enqueue")}[{i}]";
            if (list[i] is not JsonObject entry)
            {
                r.Errors.Add(new SpecError(at, $"must be a mapping of parameter values, not {SpecObjectReader.Describe(list[i])}"));
                continue;
            }

            var values = new Dictionary<string, object>(StringComparer.Ordinal);
            var bad = new HashSet<string>(StringComparer.Ordinal);
            foreach (var (name, node) in entry)
            {
                if (Scalar(node) is not { } value)
                {
                    r.Errors.Add(new SpecError($"{at}.{name}", $"must be a number, string or boolean, not {SpecObjectReader.Describe(node)}"));
                    bad.Add(name);
                    continue;
                }

                try
                {
                    values[name] = space.Find(name)?.Normalize(value) ?? value;
                }
                catch (ArgumentException)
                {
                    r.Errors.Add(new SpecError($"{at}.{name}", $"value '{ParameterValues.Format(value)}' is outside the parameter's domain"));
                    bad.Add(name);
                }
            }

            // A value already reported above is not also reported as missing.
            var errors = space.Validate(values, at).Where(e => !bad.Contains(e.Path[(at.Length + 1)..])).ToList();
            r.Errors.AddRange(errors);
            if (bad.Count == 0 && errors.Count == 0)
            {
                result.Add(new ParameterSet(values));
            }
        }

        return result;
    }

    private static object? Scalar(JsonNode? node)
    {
        try
        {
            return node is JsonValue ? ParameterValues.FromJson(JsonSerializer.SerializeToElement(node)) : null;
        }
        catch (ArgumentException)
        {
            return null;
        }
    }
}
