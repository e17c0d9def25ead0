using System.Text.Json.Nodes;
using Rait.Core;
using Rait.Core.Config;
using Rait.Core.Text;
using Rait.Evaluation;
using Rait.Methods.Options;

namespace Rait.Pipeline.Eval;

/// <summary>Stage config of <c>rait eval</c>: how questions are prompted and decoded, how answers are scored and aggregated.</summary>
/// <remarks>
/// Decoding is always greedy (CRaFT and R-Tuning evaluate greedy answers). CRaFT generates up to 1024 tokens for
/// MMLU/ARC; our defaults (open 50, multiple choice 32) suffice because the parser reads the first letter pattern
/// and the refusal check a short phrase; raise <see cref="MaxNewTokensMc"/> for chatty models that reason first.
/// </remarks>
public sealed record EvalConfig : IValidatable
{
    /// <summary>Prompt templates (CRaFT BASIC / REFUSE, R-Tuning, custom) and the optional system turn.</summary>
    public PromptOptions Prompt { get; init; } = new() { Style = PromptStyle.Basic };
    /// <summary>Render prompts with the model's chat template (ignored when the model has none).</summary>
    public bool Chat { get; init; } = true;
    /// <summary>Token budget of an open-ended answer.</summary>
    public int MaxNewTokensOpen { get; init; } = 50;
    /// <summary>Token budget of a multiple-choice answer.</summary>
    public int MaxNewTokensMc { get; init; } = 32;
    /// <summary>Strings that end an answer (the text is cut before the first one); none by default.</summary>
    public IReadOnlyList<string> StopStrings { get; init; } = [];
    /// <summary>Prompts per generation call.</summary>
    public int BatchSize { get; init; } = 64;
    /// <summary>Confidence score for AP/AUROC; P(sure) costs two scoring passes per item.</summary>
    public ConfidenceScore Confidence { get; init; } = ConfidenceScore.Answer;
    /// <summary>Open-QA matcher (default: SQuAD-normalised alias containment, as CRaFT).</summary>
    public MatcherOptions Matcher { get; init; } = new();
    /// <summary>Refusal detection, run before matching or parsing.</summary>
    public RefusalOptions Refusal { get; init; } = new();
    /// <summary>Accept CRaFT's cushion patterns ("X:" and any option letter) when parsing multiple-choice answers.</summary>
    public bool McCushion { get; init; } = true;
    /// <summary>Aggregation: macro averaging by subject, THS reference mode, bootstrap replicates/seed/level.</summary>
    public EvaluationOptions Evaluation { get; init; } = new();
    /// <summary>Optional LLM judge of open-ended answers; null = rules only.</summary>
    public EvalJudgeConfig? Judge { get; init; }

    public IReadOnlyList<string> Validate()
    {
        var errors = new List<string>(Prompt.Validate("prompt"));
        if (!Enum.IsDefined(Prompt.Style)) errors.Add($"prompt.style: expected one of {string.Join(", ", Enum.GetNames<PromptStyle>())}.");
        if (MaxNewTokensOpen is < 1 or > 4096) errors.Add($"max_new_tokens_open: got {MaxNewTokensOpen}, expected 1 to 4096.");
        if (MaxNewTokensMc is < 1 or > 4096) errors.Add($"max_new_tokens_mc: got {MaxNewTokensMc}, expected 1 to 4096.");
        if (BatchSize is < 1 or > 4096) errors.Add($"batch_size: got {BatchSize}, expected 1 to 4096.");
        if (StopStrings.Any(string.IsNullOrEmpty)) errors.Add("stop_strings: entries must not be empty.");
        if (!Enum.IsDefined(Confidence)) errors.Add($"confidence: expected one of {string.Join(", ", Enum.GetNames<ConfidenceScore>())}.");
        errors.AddRange(Matcher.Validate("matcher"));
        errors.AddRange(Refusal.Validate("refusal"));
        errors.AddRange(Evaluation.Validate("evaluation"));
        if (Judge is not null) errors.AddRange(Judge.Validate("judge"));
        return errors;
    }

    /// <summary>Loads a config file (or the defaults when <paramref name="path"/> is null), applies <c>key.path=value</c> overrides, validates.</summary>
    /// <exception cref="RaitException">Unknown key, wrong type or invalid value; every problem names its key.</exception>
    public static EvalConfig Load(string? path, IEnumerable<string> overrides)
    {
        var tree = path is null ? new JsonObject() : ConfigLoader.ReadTree(path);
        ConfigLoader.ApplyOverrides<EvalConfig>(tree, overrides);
        return ConfigLoader.Bind<EvalConfig>(tree, path is null ? "eval defaults" : Path.GetFileName(path));
    }
}
