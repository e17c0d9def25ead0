using Rait.Core.Records;

namespace Rait.Server;

/// <summary>What the HTTP endpoints need from a model: tokenization, batched generation and log-probs.
/// The real one is <see cref="Engine.ModelBackend"/>; endpoint tests use a fake.</summary>
public interface IChatBackend
{
    /// <summary>Name clients put in <c>model</c>.</summary>
    string ModelId { get; }
    /// <summary>Context length in tokens (prompt + completion).</summary>
    int ContextLength { get; }
    int VocabSize { get; }
    /// <summary>Identifies the weights (reported as <c>system_fingerprint</c>).</summary>
    string Fingerprint { get; }
    /// <summary>Requests accepted but not yet started.</summary>
    int QueueDepth { get; }

    /// <summary>Token ids of a conversation rendered with the chat template and generation prompt (plain text without a template).</summary>
    /// <exception cref="Rait.Core.RaitException">Empty conversation, or roles the template cannot render.</exception>
    IReadOnlyList<int> EncodeChat(IReadOnlyList<ChatMessage> messages);

    /// <summary>Token ids of raw text as the tokenizer adds special tokens (BOS).</summary>
    IReadOnlyList<int> EncodeText(string text);

    /// <summary>Text of token ids, special tokens skipped.</summary>
    string Decode(IReadOnlyList<int> ids);

    /// <summary>Queues the request and completes when its batch has run; a request with OnToken also hears each token as it is decoded.</summary>
    /// <exception cref="QueueFullException">The queue is at capacity.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="ct"/> fired before or while the request ran.</exception>
    Task<IReadOnlyList<GeneratedChoice>> GenerateAsync(GenerationRequest request, CancellationToken ct);
}
