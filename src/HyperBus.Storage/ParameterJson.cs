using System.Buffers;
using System.Globalization;
using System.Text;
using System.Text.Json;
using HyperBus.Core.Space;

namespace HyperBus.Storage;

/// <summary>
/// A configuration as stored JSON. A double is always written with a fraction or an exponent (3.0, not 3),
/// so it reads back as a double, while a long stays integral: ParameterValues.FromJson tells them apart by the text.
/// </summary>
internal static class ParameterJson
{
    public static string Write(ParameterSet parameters)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            writer.WriteStartObject();
            foreach (var (name, value) in parameters.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                writer.WritePropertyName(name);
                if (value is double or float)
                {
                    writer.WriteRawValue(Number(Convert.ToDouble(value, CultureInfo.InvariantCulture), name));
                }
                else
                {
                    ParameterValues.ToJson(value).WriteTo(writer);
                }
            }

            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static ParameterSet Read(string json) =>
        ParameterSet.FromJson(JsonSerializer.Deserialize<Dictionary<string, JsonElement>>(json) ?? []);

    private static string Number(double value, string name)
    {
        if (!double.IsFinite(value))
        {
            throw new ArgumentException($"parameter {name} is {value}; a stored parameter must be a finite number", nameof(value));
        }

        var text = value.ToString("R", CultureInfo.InvariantCulture);
        return text.AsSpan().IndexOfAny('.', 'E', 'e') >= 0 ? text : text + ".0";
    }
}
