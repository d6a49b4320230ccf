using System.Text;
using System.Text.Json.Nodes;

namespace HyperBus.Integration.Tests.Fuzzing;

/// <summary>
/// Seeded random mutations of a contract message's JSON body as a buggy or hostile peer would send it: fields
/// missing or of the wrong type, huge or non-finite-looking numbers, bad ids and dates, unicode, deep nesting,
/// broken or non-JSON bodies, and now and then one over the 1 MiB limit.
/// </summary>
public static class MessageMutator
{
    private static readonly Func<Random, JsonNode?>[] Values =
    [
        _ => null, _ => "", _ => "x", _ => -1, _ => 0, _ => 1e308, _ => -1e308, _ => long.MaxValue, _ => long.MinValue,
        _ => 1.5, _ => true, _ => new JsonArray(), _ => new JsonObject(), _ => "not-a-guid", _ => Guid.NewGuid().ToString(),
        _ => "2026-13-45T99:99:99Z", _ => "\u0000", _ => "😀\u202e", _ => new string('y', 10_000), _ => int.MaxValue,
        r => new JsonObject { ["nested"] = new JsonArray(r.Next(), "a", null) }, r => r.NextDouble() * 1e6, _ => "NaN", _ => "Infinity",
    ];

    public static byte[] Mutate(JsonObject template, int seed)
    {
        var random = new Random(seed);
        var body = (JsonObject)template.DeepClone();
        string? text = null;
        for (var round = 1 + random.Next(2); round > 0; round--)
        {
            var keys = body.Select(p => p.Key).ToList();
            switch (random.Next(12))
            {
                case 0 or 1 when keys.Count > 0:
                    body.Remove(keys[random.Next(keys.Count)]);
                    break;
                case 2 or 3 or 4 when keys.Count > 0:
                    body[keys[random.Next(keys.Count)]] = Values[random.Next(Values.Length)](random);
                    break;
                case 5:
                    body[$"unknown{random.Next(10)}"] = Values[random.Next(Values.Length)](random);
                    break;
                case 6 when keys.Count > 0:
                    body[keys[random.Next(keys.Count)]] = Nest(random.Next(10, 300));
                    break;
                case 7:
                    var whole = body.ToJsonString();
                    text = whole[..random.Next(whole.Length)];
                    break;
                case 8:
                    var json = text ?? body.ToJsonString();
                    text = json.Insert(random.Next(json.Length), ((char)random.Next(0, 0x3000)).ToString());
                    break;
                case 9:
                    text = random.Next(4) switch { 0 => "[]", 1 => "\"text\"", 2 => "null", _ => "12" };
                    break;
                case 10 when keys.Count > 0:
                    // A key given twice: JSON readers disagree on which one wins.
                    var key = keys[random.Next(keys.Count)];
                    var first = body.ToJsonString();
                    text = first[..^1] + $",\"{key}\":{Values[random.Next(Values.Length)](random)?.ToJsonString() ?? "null"}}}";
                    break;
                default:
                    if (random.Next(100) == 0)
                    {
                        body["padding"] = new string('p', (1 << 20) + 10);
                    }
                    else
                    {
                        var bytes = new byte[random.Next(1, 64)];
                        random.NextBytes(bytes);
                        return bytes;
                    }

                    break;
            }
        }

        return Encoding.UTF8.GetBytes(text ?? body.ToJsonString());
    }

    private static JsonNode Nest(int depth)
    {
        JsonNode node = 1;
        for (var i = 0; i < depth; i++)
        {
            node = new JsonArray(node);
        }

        return node;
    }
}
