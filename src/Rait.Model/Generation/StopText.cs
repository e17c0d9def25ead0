namespace Rait.Model.Generation;

/// <summary>Where a completion's text ends when stop strings are given.</summary>
public static class StopText
{
    /// <summary><paramref name="text"/> up to the earliest start of any stop string (the whole text when none occurs), so
    /// no stop string survives in it; the streamed and the final text cut at the same place.</summary>
    public static string Cut(string text, IReadOnlyList<string> stops)
    {
        int cut = text.Length;
        foreach (var stop in stops)
        {
            int at = text.IndexOf(stop, StringComparison.Ordinal);
            if (at >= 0 && at < cut) cut = at;
        }
        return text[..cut];
    }
}
