namespace Rait.Server;

/// <summary>Which log-probabilities a request wants.</summary>
/// <param name="Completion">Log-prob of each generated token.</param>
/// <param name="TopK">Alternatives per position (0 = only the chosen token).</param>
/// <param name="Prompt">Also the prompt tokens (echo): the first has none.</param>
public sealed record LogprobRequest(bool Completion, int TopK, bool Prompt)
{
    public static LogprobRequest None { get; } = new(false, 0, false);
    public bool Any => Completion || Prompt;
}
