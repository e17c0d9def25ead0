using System.Text;
using Rait.Core.Records;

namespace Rait.Model.Chat;

/// <summary>Llama 3 headers: <c>&lt;|start_header_id|&gt;role&lt;|end_header_id|&gt;\n\ncontent&lt;|eot_id|&gt;</c>, content trimmed.</summary>
/// <remarks>3.0 writes a system block only for a system message. 3.1+ always writes one, starting with
/// "Cutting Knowledge Date: December 2023\nToday Date: {date}\n\n". The date is the template's <c>date_string</c>:
/// 3.2+ fill it with today's date, 3.1 with "26 Jul 2024" unless the caller passes one; we pass
/// <see cref="ChatTemplateOptions.Date"/> (today by default) for both.</remarks>
public sealed class Llama3ChatTemplate : IChatTemplate
{
    /// <summary>The date Llama 3.1's own template writes when the caller passes none.</summary>
    public const string Llama31TemplateDate = "26 Jul 2024";
    private const string Bos = "<|begin_of_text|>";

    private Llama3ChatTemplate(string name, string? dateString) { Name = name; DateString = dateString; }

    /// <summary>Llama 3.0.</summary>
    public static Llama3ChatTemplate V30 { get; } = new("llama3", null);

    /// <summary>Llama 3.1 and later, with the knowledge-date system block.</summary>
    /// <param name="date">"Today Date"; null = the current UTC date.</param>
    public static Llama3ChatTemplate V31(DateOnly? date = null) => V31(new ChatTemplateOptions(Date: date).DateString);

    /// <summary>Llama 3.1+ with a preformatted "Today Date" string, e.g. <see cref="Llama31TemplateDate"/>.</summary>
    public static Llama3ChatTemplate V31(string dateString) => new("llama3.1", dateString);

    public string Name { get; }

    /// <summary>"Today Date" of the 3.1+ system block; null for 3.0.</summary>
    public string? DateString { get; }

    public IReadOnlyList<string> StopTokens { get; } = ["<|eot_id|>", "<|eom_id|>", "<|end_of_text|>"];

    public string Render(IReadOnlyList<ChatMessage> messages, bool addGenerationPrompt)
    {
        var sb = new StringBuilder();
        IEnumerable<ChatMessage> rest = messages;
        if (DateString is not null)
        {
            sb.Append(Bos);
            var system = messages.Count > 0 && messages[0].Role == "system" ? messages[0].Content.Trim() : "";
            if (messages.Count > 0 && messages[0].Role == "system") rest = messages.Skip(1);
            Header(sb, "system");
            sb.Append("Cutting Knowledge Date: December 2023\nToday Date: ").Append(DateString).Append("\n\n")
              .Append(system).Append("<|eot_id|>");
        }
        else if (messages.Count > 0) sb.Append(Bos);
        foreach (var m in rest)
        {
            Header(sb, m.Role);
            sb.Append(m.Content.Trim()).Append("<|eot_id|>");
        }
        if (addGenerationPrompt) Header(sb, "assistant");
        return sb.ToString();
    }

    private static void Header(StringBuilder sb, string role) =>
        sb.Append("<|start_header_id|>").Append(role).Append("<|end_header_id|>\n\n");
}
