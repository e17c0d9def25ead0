using System.Text.RegularExpressions;

namespace Rait.Model.Tokenization;

/// <summary>HF <c>NormalizedString::split</c> on a pattern, as (start, end) spans.</summary>
internal static class SplitSpans
{
    public static List<(int Start, int End)> Apply(string text, Regex regex, SplitBehavior behavior, bool invert)
    {
        var spans = new List<(int Start, int End, bool Match)>();
        int prev = 0;
        for (var m = regex.Match(text); m.Success; m = m.NextMatch())
        {
            if (m.Length == 0) continue;
            if (m.Index > prev) spans.Add((prev, m.Index, invert));
            spans.Add((m.Index, m.Index + m.Length, !invert));
            prev = m.Index + m.Length;
        }
        if (prev < text.Length) spans.Add((prev, text.Length, invert));

        var result = new List<(int Start, int End)>(spans.Count);
        switch (behavior)
        {
            case SplitBehavior.Removed:
                foreach (var s in spans) if (!s.Match) result.Add((s.Start, s.End));
                break;
            case SplitBehavior.Isolated:
                foreach (var s in spans) result.Add((s.Start, s.End));
                break;
            case SplitBehavior.MergedWithPrevious:
            {
                bool previousMatch = false;
                foreach (var s in spans)
                {
                    if (s.Match && !previousMatch && result.Count > 0) result[^1] = (result[^1].Start, s.End);
                    else result.Add((s.Start, s.End));
                    previousMatch = s.Match;
                }
                break;
            }
            case SplitBehavior.MergedWithNext:
            {
                bool previousMatch = false;
                for (int i = spans.Count - 1; i >= 0; i--)
                {
                    var s = spans[i];
                    if (s.Match && !previousMatch && result.Count > 0) result[^1] = (s.Start, result[^1].End);
                    else result.Add((s.Start, s.End));
                    previousMatch = s.Match;
                }
                result.Reverse();
                break;
            }
            case SplitBehavior.Contiguous:
            {
                bool previousMatch = false;
                foreach (var s in spans)
                {
                    if (s.Match == previousMatch && result.Count > 0) result[^1] = (result[^1].Start, s.End);
                    else result.Add((s.Start, s.End));
                    previousMatch = s.Match;
                }
                break;
            }
        }
        return result;
    }
}
