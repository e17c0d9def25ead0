using Rait.Model.Generation;
using Rait.Server.Engine;

namespace Rait.Server.Endpoints;

/// <summary>One streamed choice: turns its live tokens into text that is safe to send now.</summary>
/// <remarks>Text is held back while it may still change: an unfinished UTF-8 character (see <see cref="IncrementalDecoder"/>)
/// and the longest suffix that is the start of a stop string. Once a stop string appears, nothing from it on is sent.</remarks>
internal sealed class StreamedText(Func<IReadOnlyList<int>, string> decode, IReadOnlyList<string> stops)
{
    private readonly IncrementalDecoder _decoder = new(decode);
    private readonly List<int> _ids = [];
    private readonly int _longestStop = stops.Count == 0 ? 0 : stops.Max(s => s.Length);
    private string _text = "";
    private int _sent;
    private bool _stopped;

    /// <summary>Appends a token; returns the text that became safe to send ("" when nothing did).</summary>
    public string Push(int tokenId)
    {
        if (_stopped) return "";
        _ids.Add(tokenId);
        _text += _decoder.Push(tokenId);
        int safe = SafeLength();
        if (safe <= _sent) return "";
        var piece = _text[_sent..safe];
        _sent = safe;
        return piece;
    }

    /// <summary>What remains to send when the engine says the choice has ended: the final text is the whole decode of the
    /// pushed tokens cut at the first stop string, as the engine's own final text.</summary>
    public string Close() => Finish(StopText.Cut(decode(_ids), stops));

    /// <summary>What remains to send once the engine has the final text (already cut at a stop string).</summary>
    /// <remarks>Sent text is always a prefix of the final text (held-back parts are never sent), so the rest is a suffix.</remarks>
    public string Finish(string finalText)
    {
        var sent = _text[.._sent];
        _sent = _text.Length;
        _stopped = true;
        return finalText.StartsWith(sent, StringComparison.Ordinal) ? finalText[sent.Length..] : "";
    }

    private int SafeLength()
    {
        if (stops.Count == 0) return _text.Length;
        // Sent text holds no stop string, so a new match ends after _sent and starts at most one stop length before it.
        int from = Math.Max(0, _sent - _longestStop + 1);
        int cut = stops.Select(s => _text.IndexOf(s, from, StringComparison.Ordinal)).Where(i => i >= 0).DefaultIfEmpty(-1).Min();
        if (cut >= 0)
        {
            _stopped = true;
            return cut;
        }
        int hold = stops.Max(HeldFor);
        return _text.Length - hold;
    }

    /// <summary>Length of the longest proper prefix of <paramref name="stop"/> that the text ends with.</summary>
    private int HeldFor(string stop)
    {
        for (int k = Math.Min(stop.Length - 1, _text.Length); k > 0; k--)
            if (_text.AsSpan(_text.Length - k).SequenceEqual(stop.AsSpan(0, k))) return k;
        return 0;
    }
}
