using System.Text.Json.Serialization;
using Rait.Core.Records;
using Rait.Core.Text;

namespace Rait.Probing;

/// <summary>
/// Everything that decides what a probe measures. Defaults follow CRaFT's knowledge query
/// (craft-grait.md §2.2-2.3): 3-shot BASIC prompt, 10 samples at temperature 1.0, 50 new tokens,
/// alias containment on lower-cased text with the prompt's first 40 characters as splitter.
/// </summary>
public sealed record ProbeConfig
{
    /// <summary>CRaFT cuts every output at the first case-insensitive occurrence of this (the hint's first 40 characters).</summary>
    public const string CraftSplitter = "Answer the following question as simple ";

    /// <summary>Samples per open-ended question (N).</summary>
    [JsonPropertyName("samples")] public int Samples { get; init; } = 10;
    [JsonPropertyName("temperature")] public double Temperature { get; init; } = 1.0;
    /// <summary>Nucleus mass for the samples; 1 = off (CRaFT samples from the full distribution).</summary>
    [JsonPropertyName("top_p")] public double TopP { get; init; } = 1.0;
    [JsonPropertyName("max_new_tokens")] public int MaxNewTokens { get; init; } = 50;
    [JsonPropertyName("prompt")] public PromptStyle Prompt { get; init; } = PromptStyle.Basic;
    /// <summary>Custom prompt only: the user turn, with a {question} placeholder.</summary>
    [JsonPropertyName("custom_template")] public string? CustomTemplate { get; init; }
    /// <summary>Optional system turn (chat models only).</summary>
    [JsonPropertyName("system")] public string? System { get; init; }
    /// <summary>In-context examples, rendered with the same template; CRaFT's three TriviaQA dev items by default.</summary>
    [JsonPropertyName("few_shot")] public IReadOnlyList<FewShotExample> FewShot { get; init; } = CraftFewShot;
    /// <summary>Multiple choice: solved examples put before the question (CRaFT uses 5 of the same subject); none by default.</summary>
    [JsonPropertyName("mc_few_shot")] public IReadOnlyList<McItem> McFewShot { get; init; } = [];
    /// <summary>Render open-ended prompts with the model's chat template (ignored when it has none). Multiple choice is always plain text, as CRaFT forces a base-model prompt.</summary>
    [JsonPropertyName("chat")] public bool Chat { get; init; } = true;
    /// <summary>Generation also stops at these strings (plain-text prompts add "\n").</summary>
    [JsonPropertyName("stop_strings")] public IReadOnlyList<string> StopStrings { get; init; } = [CraftSplitter];
    [JsonPropertyName("matcher")] public MatcherOptions Matcher { get; init; } = new() { Splitters = [CraftSplitter] };
    [JsonPropertyName("refusal")] public RefusalOptions Refusal { get; init; } = new();
    [JsonPropertyName("certainty")] public CertaintyMethod Certainty { get; init; } = CertaintyMethod.Lexical;
    /// <summary>Embedding certainty only: folder with model.onnx and vocab.txt of a sentence-embedding model.</summary>
    [JsonPropertyName("embedding_model")] public string? EmbeddingModel { get; init; }
    /// <summary>Questions per generate call (each brings Samples + 1 sequences); results do not depend on it.</summary>
    [JsonPropertyName("batch_size")] public int BatchSize { get; init; } = 8;
    /// <summary>Master seed; each question's sampling seed is derived from (seed, question id).</summary>
    [JsonPropertyName("seed")] public long Seed { get; init; }
    /// <summary>Also write a Parquet copy of the rows next to the JSONL file.</summary>
    [JsonPropertyName("parquet")] public bool Parquet { get; init; } = true;
    /// <summary>Summary: exposure thresholds K for the AUROC of σ on "exposure ≥ K".</summary>
    [JsonPropertyName("exposure_thresholds")] public IReadOnlyList<int> ExposureThresholds { get; init; } = [1, 2, 4, 8, 16];

    /// <summary>The question alone as the user turn: no few-shot examples, no CRaFT splitter (for chat models
    /// and the synthetic world, whose model knows no TriviaQA).</summary>
    public static ProbeConfig QuestionOnly(int samples, int maxNewTokens, long seed) => new()
    {
        Samples = samples, MaxNewTokens = maxNewTokens, Seed = seed,
        Prompt = PromptStyle.Custom, CustomTemplate = "{question}", FewShot = [], StopStrings = [],
        Matcher = new MatcherOptions(), Parquet = false,
    };

    /// <summary>CRaFT's in-context examples (TriviaQA dev 0-2, as hard-coded in its map_funs.py).</summary>
    public static readonly IReadOnlyList<FewShotExample> CraftFewShot =
    [
        new("Who was President when the first Peanuts cartoon was published?", "Harry Truman"),
        new("Which American-born Sinclair won the Nobel Prize for Literature in 1930?", "Sinclair Lewis"),
        new("Where in England was Dame Judi Dench born?", "York"),
    ];

    /// <summary>Every problem, each with its key path.</summary>
    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        if (Samples < 1) e.Add($"samples: expected >= 1, got {Samples}.");
        if (!(Temperature >= 0) || double.IsInfinity(Temperature)) e.Add($"temperature: expected a finite value >= 0, got {Temperature}.");
        if (!(TopP > 0 && TopP <= 1)) e.Add($"top_p: expected a value in (0, 1], got {TopP}.");
        if (MaxNewTokens < 1) e.Add($"max_new_tokens: expected >= 1, got {MaxNewTokens}.");
        if (!Enum.IsDefined(Prompt)) e.Add($"prompt: expected basic, refuse or custom, got {(int)Prompt}.");
        if (Prompt == PromptStyle.Custom && (CustomTemplate is null || !CustomTemplate.Contains("{question}", StringComparison.Ordinal)))
            e.Add("custom_template: prompt is custom, so a template containing {question} is required.");
        if (Prompt != PromptStyle.Custom && CustomTemplate is not null)
            e.Add($"custom_template: only used with prompt = custom, but prompt is {Prompt.ToString().ToLowerInvariant()}.");
        for (int i = 0; i < FewShot.Count; i++)
            if (string.IsNullOrWhiteSpace(FewShot[i].Question) || string.IsNullOrWhiteSpace(FewShot[i].Answer))
                e.Add($"few_shot[{i}]: question and answer must both be non-empty.");
        for (int i = 0; i < McFewShot.Count; i++)
            if (McFewShot[i].Options.All(o => o.Label != McFewShot[i].Target))
                e.Add($"mc_few_shot[{i}].target: \"{McFewShot[i].Target}\" is not one of the option labels.");
        for (int i = 0; i < StopStrings.Count; i++)
            if (string.IsNullOrEmpty(StopStrings[i])) e.Add($"stop_strings[{i}]: empty string, expected non-empty text.");
        e.AddRange(Matcher.Validate("matcher"));
        e.AddRange(Refusal.Validate("refusal"));
        if (!Enum.IsDefined(Certainty)) e.Add($"certainty: expected lexical, answer_logprob or embedding, got {(int)Certainty}.");
        if (Certainty == CertaintyMethod.Embedding && string.IsNullOrEmpty(EmbeddingModel))
            e.Add("embedding_model: certainty is embedding, so a folder with model.onnx and vocab.txt is required.");
        if (BatchSize < 1) e.Add($"batch_size: expected >= 1, got {BatchSize}.");
        for (int i = 0; i < ExposureThresholds.Count; i++)
            if (ExposureThresholds[i] < 1) e.Add($"exposure_thresholds[{i}]: expected >= 1, got {ExposureThresholds[i]}.");
        return e;
    }
}
