namespace Rait.Model.Tokenization;

/// <summary>One entry of tokenizer.json's <c>added_tokens</c>.</summary>
internal sealed record AddedToken(int Id, string Content, bool Special, bool Normalized, bool Lstrip, bool Rstrip, bool SingleWord);
