using System.Text.Json;
using System.Text.Json.Serialization;

namespace Rait.Server.Dto;

/// <summary><c>prompt</c> of the legacy completions API: a string, an array of strings, an array of token ids,
/// or an array of token-id arrays. Exactly one of the two lists is set.</summary>
[JsonConverter(typeof(PromptInputConverter))]
public sealed record PromptInput(IReadOnlyList<string>? Texts, IReadOnlyList<IReadOnlyList<int>>? TokenIds)
{
    public int Count => Texts?.Count ?? TokenIds!.Count;
}

internal sealed class PromptInputConverter : JsonConverter<PromptInput>
{
    private const string Expected = "expected a string, an array of strings, an array of token ids or an array of token-id arrays";

    public override PromptInput Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType == JsonTokenType.String) return new PromptInput([reader.GetString()!], null);
        if (reader.TokenType != JsonTokenType.StartArray) throw new JsonException(Expected);
        var texts = new List<string>();
        var flat = new List<int>();
        var nested = new List<IReadOnlyList<int>>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.String: texts.Add(reader.GetString()!); break;
                case JsonTokenType.Number: flat.Add(ReadId(ref reader)); break;
                case JsonTokenType.StartArray:
                    var ids = new List<int>();
                    while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
                        ids.Add(reader.TokenType == JsonTokenType.Number ? ReadId(ref reader) : throw new JsonException(Expected));
                    nested.Add(ids);
                    break;
                default: throw new JsonException(Expected);
            }
        }
        int kinds = (texts.Count > 0 ? 1 : 0) + (flat.Count > 0 ? 1 : 0) + (nested.Count > 0 ? 1 : 0);
        if (kinds > 1) throw new JsonException(Expected + ", not a mix");
        if (flat.Count > 0) return new PromptInput(null, [flat]);
        if (nested.Count > 0) return new PromptInput(null, nested);
        return new PromptInput(texts, null);
    }

    private static int ReadId(ref Utf8JsonReader reader) =>
        reader.TryGetInt32(out var id) ? id : throw new JsonException("token ids must be integers");

    public override void Write(Utf8JsonWriter writer, PromptInput value, JsonSerializerOptions options)
    {
        if (value.Texts is not null) JsonSerializer.Serialize(writer, value.Texts, options);
        else JsonSerializer.Serialize(writer, value.TokenIds, options);
    }
}
