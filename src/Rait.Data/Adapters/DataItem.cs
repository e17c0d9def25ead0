using Rait.Core.Records;

namespace Rait.Data.Adapters;

/// <summary>What an adapter makes of one row: an open-ended item or a multiple-choice item.</summary>
public abstract record DataItem
{
    public abstract string Id { get; }
    public abstract ItemMetadata Meta { get; }
}

/// <summary>An open-ended QA item.</summary>
public sealed record OpenItem(QaItem Item) : DataItem
{
    public override string Id => Item.Id;
    public override ItemMetadata Meta => Item.Meta;
}

/// <summary>A multiple-choice item.</summary>
public sealed record ChoiceItem(McItem Item) : DataItem
{
    public override string Id => Item.Id;
    public override ItemMetadata Meta => Item.Meta;
}
