using System.Security.Cryptography;
using Rait.Core;
using Rait.Core.Records;
using Rait.Model.Chat;
using Rait.Model.Checkpoints;
using Rait.Model.Generation;
using Rait.Model.Llama;
using Rait.Model.Lora;
using Rait.Model.Tokenization;

namespace Rait.Model;

/// <summary>A generated text with the ids and log-probs behind it.</summary>
/// <param name="Text">Decoded continuation without the stop token, cut before the first stop string.</param>
public sealed record TextCompletion(int PromptIndex, int SampleIndex, string Text, IReadOnlyList<int> TokenIds, IReadOnlyList<float> LogProbs, FinishReason Finish);

/// <summary>
/// A loaded model with its tokenizer and chat template: the text-level API that probing, evaluation,
/// the CLI and the server use. Owns the model (dispose it).
/// </summary>
public sealed class LanguageModel : IDisposable
{
    private readonly BatchGenerator _generator;

    public LanguageModel(LlamaForCausalLM model, ITokenizer tokenizer, IChatTemplate? chatTemplate, string source, string fingerprint)
    {
        Model = model;
        Tokenizer = tokenizer;
        ChatTemplate = chatTemplate;
        Source = source;
        Fingerprint = fingerprint;
        PadId = tokenizer.PadId ?? tokenizer.EosId ?? 0;
        var stops = new HashSet<int>(model.Config.EosTokenIds);
        if (tokenizer.EosId is { } eos) stops.Add(eos);
        foreach (var s in chatTemplate?.StopTokens ?? [])
            if (tokenizer.TokenToId(s) is { } id) stops.Add(id);
        StopTokenIds = stops.Order().ToList();
        _generator = new BatchGenerator(model);
        Scorer = new Scorer(model, PadId);
    }

    public LlamaForCausalLM Model { get; }
    public ITokenizer Tokenizer { get; }
    public IChatTemplate? ChatTemplate { get; }
    /// <summary>Folder (or file) the model came from.</summary>
    public string Source { get; }
    /// <summary>Short hash of config, tokenizer and weight headers (and adapter): identifies "the same model".</summary>
    public string Fingerprint { get; }
    public int PadId { get; }
    /// <summary>EOS ids of config/generation_config/tokenizer plus the chat template's end-of-turn tokens.</summary>
    public IReadOnlyList<int> StopTokenIds { get; }
    public Scorer Scorer { get; }

    /// <summary>Loads an HF folder (config.json, safetensors, tokenizer.json, chat template), optionally with a
    /// PEFT LoRA adapter on top.</summary>
    /// <param name="chat">Chat-template switches (thinking, date); default thinking off and today's date.</param>
    public static LanguageModel Load(string modelDir, ModelLoadOptions? options = null, string? adapterDir = null, ChatTemplateOptions? chat = null)
    {
        var tokenizer = TokenizerLoader.Load(modelDir);
        var template = ChatTemplateDetector.Detect(modelDir, chat);
        var model = adapterDir is null ? HfModelLoader.Load(modelDir, options) : PeftAdapter.LoadWithAdapter(modelDir, adapterDir, options);
        return new LanguageModel(model, tokenizer, template, modelDir, FingerprintOf(modelDir, adapterDir));
    }

    /// <summary>Token ids of a chat conversation rendered by the template with the generation prompt,
    /// or of plain text (with BOS as the tokenizer adds it) when the model has no template or chat is off.</summary>
    /// <exception cref="RaitException">Empty prompt, or a prompt longer than the context.</exception>
    public IReadOnlyList<int> EncodePrompt(IReadOnlyList<ChatMessage> messages, bool chat = true)
    {
        if (messages.Count == 0 || messages.All(m => string.IsNullOrEmpty(m.Content)))
            throw new RaitException("prompt: empty prompt.");
        IReadOnlyList<int> ids = chat && ChatTemplate is not null
            ? Tokenizer.Encode(ChatTemplate.Render(messages, addGenerationPrompt: true), addSpecialTokens: false)
            : Tokenizer.Encode(string.Join("\n", messages.Select(m => m.Content)), addSpecialTokens: true);
        if (ids.Count >= Model.Config.ContextLength)
            throw new RaitException($"prompt: {ids.Count} tokens, but the context length is {Model.Config.ContextLength} (max_position_embeddings, with rope_scaling).");
        return ids;
    }

    /// <summary>Convenience: one user turn, optionally after a system turn.</summary>
    public IReadOnlyList<int> EncodePrompt(string user, string? system = null, bool chat = true) =>
        EncodePrompt(system is null ? [ChatMessage.User(user)] : [ChatMessage.System(system), ChatMessage.User(user)], chat);

    /// <summary>Generates text for token-id prompts; stop tokens default to <see cref="StopTokenIds"/>. With a chat template, the
    /// completion text is the parsed answer (<see cref="IChatTemplate.ParseAnswer"/>: reasoning blocks removed).</summary>
    /// <param name="onToken">Live tokens as they are decoded (see <see cref="BatchGenerator.Generate"/>); unlike the returned
    /// completions they include a final stop token.</param>
    public IReadOnlyList<TextCompletion> Generate(IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions options, CancellationToken ct = default,
        TokenCallback? onToken = null)
    {
        var o = WithDefaultStops(options);
        var seqs = _generator.Generate(prompts, o, ids => Tokenizer.Decode(ids), ct, onToken);
        return seqs.Select(s => ToCompletion(s, o)).ToList();
    }

    /// <summary><paramref name="options"/>, with this model's <see cref="StopTokenIds"/> when it names no stop tokens.</summary>
    public SamplingOptions WithDefaultStops(SamplingOptions options) =>
        options.StopTokenIds.Count == 0 ? options with { StopTokenIds = StopTokenIds } : options;

    /// <summary>The text of a decoded sequence: a final stop token dropped, the text cut before the first stop string.</summary>
    /// <param name="o">The options it was decoded with (after <see cref="WithDefaultStops"/>).</param>
    public TextCompletion ToCompletion(GeneratedSequence s, SamplingOptions o)
    {
        var ids = s.TokenIds;
        var lps = s.LogProbs;
        if (s.Finish == FinishReason.Stop && ids.Count > 0 && o.StopTokenIds.Contains(ids[^1]))
        {
            ids = ids.Take(ids.Count - 1).ToList();
            lps = lps.Take(lps.Count - 1).ToList();
        }
        // The answer is what follows any reasoning block; ids and log-probs stay those generated.
        var text = StopText.Cut(Tokenizer.Decode(ids), o.StopStrings);
        if (ChatTemplate is not null) text = ChatTemplate.ParseAnswer(text);
        return new TextCompletion(s.PromptIndex, s.SampleIndex, text, ids, lps, s.Finish);
    }

    /// <summary>sha256 over config.json, tokenizer files and the weight files (first 16 hex chars).</summary>
    public static string FingerprintOf(string dir, string? adapterDir = null)
    {
        using var sha = SHA256.Create();
        void AddFile(string path)
        {
            if (!File.Exists(path)) return;
            using var fs = File.OpenRead(path);
            var name = System.Text.Encoding.UTF8.GetBytes(Path.GetFileName(path) + ":" + fs.Length + ";");
            sha.TransformBlock(name, 0, name.Length, null, 0);
            // Small files are hashed whole; large weight files by their first, middle and last MiB, which
            // covers the header and tensors a fine-tune changes without reading gigabytes.
            const long chunk = 1 << 20;
            var starts = fs.Length <= 64 * chunk ? [0L] : new[] { 0L, fs.Length / 2, fs.Length - chunk };
            foreach (var start in starts)
            {
                var buf = new byte[fs.Length <= 64 * chunk ? fs.Length : chunk];
                fs.Seek(start, SeekOrigin.Begin);
                fs.ReadExactly(buf);
                sha.TransformBlock(buf, 0, buf.Length, null, 0);
            }
        }
        foreach (var d in adapterDir is null ? new[] { dir } : new[] { dir, adapterDir })
        {
            foreach (var f in new[] { "config.json", "tokenizer.json", "tokenizer_config.json", "adapter_config.json" })
                AddFile(Path.Combine(d, f));
            foreach (var f in Directory.EnumerateFiles(d, "*.safetensors").Order(StringComparer.Ordinal))
                AddFile(f);
        }
        sha.TransformFinalBlock([], 0, 0);
        return Convert.ToHexString(sha.Hash!)[..16].ToLowerInvariant();
    }

    public void Dispose() => Model.Dispose();
}
