namespace Rait.Core.Text;

/// <summary>Exact match after answer normalisation, max over golds (SQuAD/TriviaQA EM).</summary>
/// <remarks>
/// SQuAD v2 convention: golds whose normalised text is empty are dropped; if none remain the gold is
/// the empty string, so only an empty prediction matches an unanswerable question.
/// </remarks>
public sealed class ExactMatchMatcher(AnswerNormalization normalization = AnswerNormalization.Squad) : IAnswerMatcher
{
    /// <inheritdoc />
    public bool IsCorrect(string prediction, IReadOnlyList<string> aliases)
    {
        ArgumentNullException.ThrowIfNull(prediction);
        var pred = AnswerNormalizer.Normalize(prediction, normalization);
        foreach (var gold in GoldSet.Normalized(aliases, normalization))
            if (gold == pred) return true;
        return false;
    }
}
