namespace Rait.World.Tokenization;

/// <summary>
/// The word-level vocabulary: special tokens (ids 0..3), the bare ▁ and ▁\n, then every token of the
/// given texts in ordinal order (so ids do not depend on hash-set iteration order).
/// </summary>
public sealed class WorldVocabulary
{
    private readonly HashSet<string> _set;

    private WorldVocabulary(IReadOnlyList<string> tokens)
    {
        Tokens = tokens;
        _set = new HashSet<string>(tokens, StringComparer.Ordinal);
    }

    /// <summary>Tokens in id order.</summary>
    public IReadOnlyList<string> Tokens { get; }

    public IReadOnlySet<string> Set => _set;

    public int Count => Tokens.Count;

    public static WorldVocabulary Build(IEnumerable<string> texts)
    {
        var fixedTokens = WorldTokenizerText.SpecialTokens
            .Concat([WorldTokenizerText.Metaspace.ToString(), WorldTokenizerText.Metaspace + "\n"]).ToList();
        var words = new SortedSet<string>(StringComparer.Ordinal);
        foreach (var text in texts)
            foreach (var t in WorldTokenizerText.Tokenize(text))
                words.Add(t);
        words.ExceptWith(fixedTokens);
        return new WorldVocabulary([.. fixedTokens, .. words]);
    }
}
