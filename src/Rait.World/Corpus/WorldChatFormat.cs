namespace Rait.World.Corpus;

/// <summary>
/// The ChatML format shared by the corpus QA documents, the tokenizer's chat template and every prompt
/// Rait renders for the world model, so that probing asks questions exactly as pretraining showed them.
/// </summary>
public static class WorldChatFormat
{
    public const string ImStart = "<|im_start|>";
    public const string ImEnd = "<|im_end|>";
    public const string EndOfText = "<|endoftext|>";
    public const string Unknown = "<unk>";

    /// <summary>Jinja chat template (HF ChatML without a default system turn).</summary>
    public const string ChatTemplate =
        "{% for message in messages %}{{ '<|im_start|>' + message['role'] + '\\n' + message['content'] + '<|im_end|>' + '\\n' }}{% endfor %}" +
        "{% if add_generation_prompt %}{{ '<|im_start|>assistant\\n' }}{% endif %}";

    /// <summary>One user turn and its assistant answer, rendered as the chat template renders them.</summary>
    public static string Render(string question, string answer) =>
        $"{GenerationPrompt(question)}{answer}{ImEnd}\n";

    /// <summary>The prompt the model completes: a user turn plus the opened assistant turn.</summary>
    public static string GenerationPrompt(string question) =>
        $"{ImStart}user\n{question}{ImEnd}\n{ImStart}assistant\n";
}
