namespace Rait.Server.Dto;

/// <summary>Token counts: prompts are counted once each, completions over all choices.</summary>
public sealed record Usage(int PromptTokens, int CompletionTokens)
{
    public int TotalTokens => PromptTokens + CompletionTokens;
}
