namespace Rait.Model.Tokenization;

/// <summary>A token-exact tokenizer: the same ids as the Hugging Face (or llama2.c) reference for the same text.</summary>
public interface ITokenizer
{
    /// <summary>Max id + 1 over the vocabulary and the added tokens.</summary>
    int VocabSize { get; }

    int? BosId { get; }
    int? EosId { get; }
    int? PadId { get; }
    int? UnkId { get; }

    /// <summary>Encodes text to ids. Added/special tokens written literally in the text are always split out as single ids.</summary>
    /// <param name="text">Input text.</param>
    /// <param name="addSpecialTokens">Apply the post-processor (e.g. prepend BOS), as HF <c>add_special_tokens=True</c>.</param>
    IReadOnlyList<int> Encode(string text, bool addSpecialTokens = true);

    /// <summary>Decodes ids to text. Ids outside the vocabulary are skipped, as HF does.</summary>
    string Decode(IEnumerable<int> ids, bool skipSpecialTokens = true);

    /// <summary>The raw vocabulary string of an id (byte-level alphabet, "▁" etc. left as stored).</summary>
    string TokenString(int id);

    /// <summary>True for added tokens marked <c>special</c>.</summary>
    bool IsSpecial(int id);

    /// <summary>Exact vocabulary or added-token lookup; null when absent.</summary>
    int? TokenToId(string token);
}
