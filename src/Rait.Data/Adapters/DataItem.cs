using Rait.Core.Records;

namespace Rait.Data.Adapters;

/// <summary>What an adapter makes of one row: an <see cref="OpenItem"/> or a <see cref="ChoiceItem"/>.</summary>
public abstract record DataItem
{
    public abstract string Id { get; }
    public abstract ItemMetadata Meta { get; }
}
