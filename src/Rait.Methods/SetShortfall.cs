namespace Rait.Methods;

/// <summary>
/// One group of a set that had fewer qualifying candidates than asked: how many were asked, how many
/// distinct candidates qualified, and how many rows were added by drawing again with replacement (0 when
/// the set took what was available).
/// </summary>
public sealed record SetShortfall(string Group, int Asked, int Available, int Resampled);

/// <summary>Collects the shortfalls of one build, in the order the groups are selected.</summary>
public sealed class ShortfallLog
{
    private readonly List<SetShortfall> _items = [];

    public IReadOnlyList<SetShortfall> Items => _items;

    public void Record(string group, int asked, int available, int resampled) => _items.Add(new SetShortfall(group, asked, available, resampled));
}
