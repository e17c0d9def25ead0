namespace Rait.Model.Tokenization;

/// <summary>HF <c>WordLevel</c>: one id per pre-token, or the unknown token.</summary>
internal sealed class WordLevelModel : TokenModel
{
    public WordLevelModel(Dictionary<string, int> vocab, string? unkToken, string path, JsonSpec spec)
        : base(vocab, unkToken, path, spec)
    {
        if (UnkId is null) throw spec.Error($"{path}.unk_token", "a token of model.vocab (WordLevel needs one)", "null");
    }

    public override void Tokenize(string piece, List<int> output) =>
        output.Add(Vocab.TryGetValue(piece, out var id) ? id : UnkId!.Value);
}
