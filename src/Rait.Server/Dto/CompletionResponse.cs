using System.Text.Json.Serialization;

namespace Rait.Server.Dto;

/// <summary>Legacy completions response (<c>object: "text_completion"</c>); also the shape of its stream chunks (usage then omitted).</summary>
public sealed record CompletionResponse(string Id, long Created, string Model, IReadOnlyList<CompletionChoice> Choices,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] Usage? Usage)
{
    public string Object => "text_completion";
}
