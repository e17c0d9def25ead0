using Rait.Core.Records;

namespace Rait.Data.Adapters;

/// <summary>A multiple-choice item.</summary>
public sealed record ChoiceItem(McItem Item) : DataItem
{
    public override string Id => Item.Id;
    public override ItemMetadata Meta => Item.Meta;
}
