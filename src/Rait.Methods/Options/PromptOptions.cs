namespace Rait.Methods.Options;

/// <summary>Which user-turn template wraps the question (CRaFT spec §1.6, R-Tuning §1.1).</summary>
public enum PromptStyle
{
    /// <summary>CRaFT BASIC: the bare question (open) or the MMLU "replying A, B, C or D" hint (MC).</summary>
    Basic,
    /// <summary>CRaFT REFUSE: the question with the "if you don't know ... 'I don't know'" instruction.</summary>
    Refuse,
    /// <summary>R-Tuning: "Question: {q} Answer:" (open) or "The following are multiple choice questions ..." (MC).</summary>
    RTuning,
    /// <summary>User templates <see cref="PromptOptions.OpenTemplate"/> / <see cref="PromptOptions.McTemplate"/>.</summary>
    Custom,
}

/// <summary>What the target text of a multiple-choice item is.</summary>
public enum McTargetStyle
{
    /// <summary>The gold letter, e.g. "B" (the REFUSE hint asks for a letter).</summary>
    Letter,
    /// <summary>The gold letter and a newline, "B\n" (CRaFT/GRAIT map_fn_mmlu, code parity).</summary>
    LetterNewline,
    /// <summary>"B. {option text}".</summary>
    LetterAndText,
}

/// <summary>Prompt templates, target formatting and refusal strings shared by every method.</summary>
public sealed record PromptOptions
{
    public PromptStyle Style { get; init; } = PromptStyle.Refuse;
    /// <summary>Custom open template; placeholders {question}.</summary>
    public string? OpenTemplate { get; init; }
    /// <summary>Custom MC template; placeholders {question}, {task}, {choices} (lines "A. text"), {letters}.</summary>
    public string? McTemplate { get; init; }
    /// <summary>MC {task} when the item has no subject (ARC uses "STEM").</summary>
    public string McDefaultTask { get; init; } = "STEM";
    public McTargetStyle McTarget { get; init; } = McTargetStyle.Letter;
    /// <summary>Refusal target for open questions (CRaFT OEQA: no period).</summary>
    public string OpenRefusal { get; init; } = "I don't know";
    /// <summary>Refusal target for MC questions (CRaFT/GRAIT MCQA: with period).</summary>
    public string McRefusal { get; init; } = "I don't know.";
    /// <summary>Optional system turn for every row.</summary>
    public string? System { get; init; }

    public IEnumerable<string> Validate(string path)
    {
        if (Style == PromptStyle.Custom)
        {
            if (OpenTemplate is null || !OpenTemplate.Contains("{question}", StringComparison.Ordinal))
                yield return $"{path}.open_template: a custom style needs a template containing {{question}}.";
            if (McTemplate is null || !McTemplate.Contains("{question}", StringComparison.Ordinal) || !McTemplate.Contains("{choices}", StringComparison.Ordinal))
                yield return $"{path}.mc_template: a custom style needs a template containing {{question}} and {{choices}}.";
        }
        if (string.IsNullOrWhiteSpace(OpenRefusal)) yield return $"{path}.open_refusal: must not be empty.";
        if (string.IsNullOrWhiteSpace(McRefusal)) yield return $"{path}.mc_refusal: must not be empty.";
    }
}
