using System.Text.Json.Serialization;
using Rait.Core.Records;

namespace Rait.Methods.Output;

/// <summary>LLaMA-Factory alpaca row (interop.md §6) plus our weight and id columns.</summary>
internal sealed record AlpacaRow(
    [property: JsonPropertyName("instruction")] string Instruction,
    [property: JsonPropertyName("input")] string Input,
    [property: JsonPropertyName("output")] string Output,
    [property: JsonPropertyName("system")] string? System,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("id")] string Id);

/// <summary>One ShareGPT turn: from = human | gpt.</summary>
internal sealed record ShareGptTurn(
    [property: JsonPropertyName("from")] string From,
    [property: JsonPropertyName("value")] string Value);

internal sealed record ShareGptRow(
    [property: JsonPropertyName("conversations")] IReadOnlyList<ShareGptTurn> Conversations,
    [property: JsonPropertyName("system")] string? System,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("id")] string Id);

/// <summary>LLaMA-Factory dataset_info.json entry.</summary>
internal sealed record DatasetInfoEntry(
    [property: JsonPropertyName("file_name")] string FileName,
    [property: JsonPropertyName("formatting")] string Formatting,
    [property: JsonPropertyName("columns")] IReadOnlyDictionary<string, string> Columns,
    [property: JsonPropertyName("tags")] IReadOnlyDictionary<string, string>? Tags);

/// <summary>TRL conversational language-modeling row.</summary>
internal sealed record TrlMessagesRow(
    [property: JsonPropertyName("messages")] IReadOnlyList<ChatMessage> Messages,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("id")] string Id);

/// <summary>TRL conversational prompt-completion row (completion-only loss by default).</summary>
internal sealed record TrlPromptCompletionRow(
    [property: JsonPropertyName("prompt")] IReadOnlyList<ChatMessage> Prompt,
    [property: JsonPropertyName("completion")] IReadOnlyList<ChatMessage> Completion,
    [property: JsonPropertyName("weight")] double Weight,
    [property: JsonPropertyName("id")] string Id);
