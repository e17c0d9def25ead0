using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rait.Server.Dto;

/// <summary>Message content: a string, or an array of <c>{"type": "text", "text": ...}</c> parts (joined without a separator,
/// as the OpenAI API does for text parts).</summary>
[JsonConverter(typeof(MessageContentConverter))]
public sealed record MessageContent(string Text);

internal sealed class MessageContentConverter : JsonConverter<MessageContent>
{
    public override MessageContent Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new MessageContent(reader.GetString()!);
        if (reader.TokenType != JsonTokenType.StartArray)
            throw new JsonException("expected a string or an array of {\"type\": \"text\", \"text\": ...} parts");
        var text = new System.Text.StringBuilder();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (reader.TokenType != JsonTokenType.StartObject) throw new JsonException("expected a content part object");
            string? type = null, partText = null;
            while (reader.Read() && reader.TokenType != JsonTokenType.EndObject)
            {
                var name = reader.GetString();
                reader.Read();
                switch (name)
                {
                    case "type" when reader.TokenType == JsonTokenType.String: type = reader.GetString(); break;
                    case "text" when reader.TokenType == JsonTokenType.String: partText = reader.GetString(); break;
                    case "type" or "text": throw new JsonException($"content part \"{name}\": expected a string");
                    default: reader.Skip(); break;
                }
            }
            if (type != "text") throw new JsonException($"content part type \"{type}\" is not supported; only \"text\"");
            text.Append(partText ?? throw new JsonException("content part of type \"text\" needs a \"text\" string"));
        }
        return new MessageContent(text.ToString());
    }

    public override void Write(Utf8JsonWriter writer, MessageContent value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Text);
}
