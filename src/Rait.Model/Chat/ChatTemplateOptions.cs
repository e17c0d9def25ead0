using System.Globalization;

namespace Rait.Model.Chat;

/// <summary>Render-time switches a model's chat template reads besides the messages.</summary>
/// <param name="Thinking">Qwen3's <c>enable_thinking</c>. Off by default: probing and eval cap answers at a few dozen
/// tokens, and a reasoning block would use them all before the answer starts.</param>
/// <param name="Date">"Today Date" of the Llama 3.1+ system block; null = the current UTC date, as the 3.2+ templates'
/// <c>strftime_now</c> gives. Set it when a rendering must be reproducible (tests, stage caches).</param>
public sealed record ChatTemplateOptions(bool Thinking = false, DateOnly? Date = null)
{
    public static ChatTemplateOptions Default { get; } = new();

    /// <summary>The date the Llama 3.1+ block writes, formatted as <c>strftime('%d %b %Y')</c> ("06 Dec 2026").</summary>
    public string DateString => FormatDate(Date ?? DateOnly.FromDateTime(DateTime.UtcNow));

    public static string FormatDate(DateOnly date) => date.ToString("dd MMM yyyy", CultureInfo.InvariantCulture);
}
