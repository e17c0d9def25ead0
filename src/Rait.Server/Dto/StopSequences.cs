using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rait.Server.Dto;

/// <summary><c>stop</c>: a string or an array of strings.</summary>
[JsonConverter(typeof(StopSequencesConverter))]
public sealed record StopSequences(IReadOnlyList<string> Values);

internal sealed class StopSequencesConverter : JsonConverter<StopSequences>
{
    public override StopSequences Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new StopSequences([reader.GetString()!]);
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException("expected a string or an array of strings");
        var values = new List<string>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.String) throw new JsonException("expected an array of strings");
            values.Add(reader.GetString()!);
        }
        return new StopSequences(values);
    }

    public override void Write(Utf8JsonWriter writer, StopSequences value, JsonSerializerOptions options) =>
        JsonSerializer.Serialize(writer, value.Values, options);
}
