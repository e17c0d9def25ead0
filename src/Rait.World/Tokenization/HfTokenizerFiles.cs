using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using Rait.World.Corpus;

namespace Rait.World.Tokenization;

/// <summary>
/// Writes the world tokenizer as Hugging Face tokenizers' tokenizer.json (WordLevel model, Sequence of
/// Split + Metaspace pre-tokenizers, Metaspace decoder) and transformers' tokenizer_config.json (ChatML
/// chat template, eos &lt;|im_end|&gt;, no BOS). Field names and order follow what HF itself writes.
/// </summary>
public static class HfTokenizerFiles
{
    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Indented = true,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    public static string TokenizerJson(WorldVocabulary vocabulary) => Write(w =>
    {
        w.WriteString("version", "1.0");
        w.WriteNull("truncation");
        w.WriteNull("padding");
        w.WriteStartArray("added_tokens");
        for (int id = 0; id < WorldTokenizerText.SpecialTokens.Count; id++)
        {
            w.WriteStartObject();
            w.WriteNumber("id", id);
            w.WriteString("content", WorldTokenizerText.SpecialTokens[id]);
            WriteAddedTokenFlags(w);
            w.WriteEndObject();
        }
        w.WriteEndArray();
        w.WriteNull("normalizer");
        w.WriteStartObject("pre_tokenizer");
        w.WriteString("type", "Sequence");
        w.WriteStartArray("pretokenizers");
        w.WriteStartObject();
        w.WriteString("type", "Split");
        w.WriteStartObject("pattern");
        w.WriteString("Regex", WorldTokenizerText.SplitPattern);
        w.WriteEndObject();
        w.WriteString("behavior", "Isolated");
        w.WriteBoolean("invert", false);
        w.WriteEndObject();
        WriteMetaspace(w, null);
        w.WriteEndArray();
        w.WriteEndObject();
        w.WriteNull("post_processor");
        WriteMetaspace(w, "decoder");
        w.WriteStartObject("model");
        w.WriteString("type", "WordLevel");
        w.WriteStartObject("vocab");
        for (int id = 0; id < vocabulary.Count; id++) w.WriteNumber(vocabulary.Tokens[id], id);
        w.WriteEndObject();
        w.WriteString("unk_token", WorldChatFormat.Unknown);
        w.WriteEndObject();
    });

    /// <param name="modelMaxLength">Longest sequence the world model is meant for (tokens).</param>
    public static string TokenizerConfigJson(int modelMaxLength) => Write(w =>
    {
        w.WriteBoolean("add_bos_token", false);
        w.WriteBoolean("add_eos_token", false);
        w.WriteStartObject("added_tokens_decoder");
        for (int id = 0; id < WorldTokenizerText.SpecialTokens.Count; id++)
        {
            w.WriteStartObject(id.ToString(System.Globalization.CultureInfo.InvariantCulture));
            w.WriteString("content", WorldTokenizerText.SpecialTokens[id]);
            WriteAddedTokenFlags(w);
            w.WriteEndObject();
        }
        w.WriteEndObject();
        w.WriteNull("bos_token");
        w.WriteString("chat_template", WorldChatFormat.ChatTemplate);
        // Word-level decoding puts a space before punctuation ("Korvath ."); transformers' clean-up removes it.
        w.WriteBoolean("clean_up_tokenization_spaces", true);
        w.WriteString("eos_token", WorldChatFormat.ImEnd);
        w.WriteNumber("model_max_length", modelMaxLength);
        w.WriteString("pad_token", WorldChatFormat.EndOfText);
        w.WriteString("tokenizer_class", "PreTrainedTokenizerFast");
        w.WriteString("unk_token", WorldChatFormat.Unknown);
    });

    private static void WriteAddedTokenFlags(Utf8JsonWriter w)
    {
        w.WriteBoolean("single_word", false);
        w.WriteBoolean("lstrip", false);
        w.WriteBoolean("rstrip", false);
        w.WriteBoolean("normalized", false);
        w.WriteBoolean("special", true);
    }

    private static void WriteMetaspace(Utf8JsonWriter w, string? propertyName)
    {
        if (propertyName is null) w.WriteStartObject(); else w.WriteStartObject(propertyName);
        w.WriteString("type", "Metaspace");
        w.WriteString("replacement", WorldTokenizerText.Metaspace.ToString());
        w.WriteString("prepend_scheme", "always");
        w.WriteBoolean("split", true);
        w.WriteEndObject();
    }

    private static string Write(Action<Utf8JsonWriter> body)
    {
        using var stream = new MemoryStream();
        using (var w = new Utf8JsonWriter(stream, WriterOptions))
        {
            w.WriteStartObject();
            body(w);
            w.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray()) + "\n";
    }
}
