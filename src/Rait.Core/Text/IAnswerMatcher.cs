namespace Rait.Core.Text;

/// <summary>Decides whether a free-text prediction answers a question given its gold aliases.</summary>
/// <remarks>Refusal detection is not part of matching; callers check refusals first.</remarks>
public interface IAnswerMatcher
{
    /// <summary>True if <paramref name="prediction"/> counts as correct for any of <paramref name="aliases"/>.</summary>
    bool IsCorrect(string prediction, IReadOnlyList<string> aliases);
}
