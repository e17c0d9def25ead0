using Rait.Model.Checkpoints;
using Rait.Model.Llama;
using Rait.Tests;
using TorchSharp;
using static TorchSharp.torch;

namespace Rait.Server.Tests.Support;

/// <summary>The real TinyStories checkpoint (no chat template) and a small random model with a ChatML template.</summary>
internal static class TinyModels
{
    public static string TinyStories => RepoPaths.Fixture("tinystories-656k");

    private static readonly Lazy<string> ChatMlDir = new(WriteChatMl);

    /// <summary>Folder of a random 2-layer model with a WordLevel tokenizer and a ChatML chat_template.</summary>
    public static string ChatMl => ChatMlDir.Value;

    private static readonly string[] Words =
        ["user", "assistant", "system", "\n", "▁Hello", "▁world", "▁the", "▁capital", "▁of", "▁France", "▁is", "▁Paris",
         "▁I", "▁don't", "▁know", "▁yes", "▁no", "▁a", "▁cat", "▁dog", ".", ",", "?", "!", "▁sure", "▁maybe"];

    private static string WriteChatMl()
    {
        var dir = RepoPaths.NewTempDir("rait-chatml");
        var vocab = new List<string> { "<unk>", "<|endoftext|>", "<|im_start|>", "<|im_end|>" };
        vocab.AddRange(Words);
        string Added(int id) => $$"""{"id": {{id}}, "content": "{{vocab[id]}}", "single_word": false, "lstrip": false, "rstrip": false, "normalized": false, "special": true}""";
        var vocabJson = string.Join(", ", vocab.Select((w, i) => $"{System.Text.Json.JsonSerializer.Serialize(w)}: {i}"));
        File.WriteAllText(Path.Combine(dir, "tokenizer.json"), $$"""
        {
          "version": "1.0", "truncation": null, "padding": null,
          "added_tokens": [{{string.Join(", ", Enumerable.Range(0, 4).Select(Added))}}],
          "normalizer": null,
          "pre_tokenizer": {"type": "Sequence", "pretokenizers": [
            {"type": "Split", "pattern": {"Regex": "[.,!?\n]"}, "behavior": "Isolated", "invert": false},
            {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": true}]},
          "post_processor": null,
          "decoder": {"type": "Metaspace", "replacement": "▁", "prepend_scheme": "first", "split": true},
          "model": {"type": "WordLevel", "unk_token": "<unk>", "vocab": { {{vocabJson}} } }
        }
        """);
        File.WriteAllText(Path.Combine(dir, "tokenizer_config.json"), """
        {"tokenizer_class": "PreTrainedTokenizerFast", "eos_token": "<|im_end|>", "pad_token": "<|endoftext|>", "unk_token": "<unk>",
         "chat_template": "{% for message in messages %}{{'<|im_start|>' + message['role'] + '\n' + message['content'] + '<|im_end|>' + '\n'}}{% endfor %}{% if add_generation_prompt %}{{ '<|im_start|>assistant\n' }}{% endif %}"}
        """);
        var config = new LlamaConfig
        {
            HiddenSize = 32, IntermediateSize = 64, NumLayers = 2, NumHeads = 4, NumKvHeads = 2, VocabSize = vocab.Count,
            MaxPositions = 128, TieWordEmbeddings = true, EosTokenIds = [3],
        };
        using var model = new LlamaForCausalLM(config);
        using (var rng = new Generator(11))
        using (no_grad())
            foreach (var (_, p) in model.named_parameters())
            {
                using var r = randn(p.shape, generator: rng) * 0.5;
                p.copy_(p.dim() == 1 ? r + 1.0 : r);
            }
        HfCheckpoint.Save(model, dir);
        return dir;
    }
}
