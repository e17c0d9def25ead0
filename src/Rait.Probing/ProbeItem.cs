using Rait.Core.Records;

namespace Rait.Probing;

/// <summary>One input question: exactly one of <see cref="Open"/> and <see cref="Choice"/> is set.</summary>
public sealed record ProbeItem
{
    public ProbeItem(QaItem open) => Open = open;
    public ProbeItem(McItem choice) => Choice = choice;

    public QaItem? Open { get; }
    public McItem? Choice { get; }
    public string Id => Open?.Id ?? Choice!.Id;
}
