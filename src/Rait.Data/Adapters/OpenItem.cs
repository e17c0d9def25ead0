using Rait.Core.Records;

namespace Rait.Data.Adapters;

/// <summary>An open-ended QA item.</summary>
public sealed record OpenItem(QaItem Item) : DataItem
{
    public override string Id => Item.Id;
    public override ItemMetadata Meta => Item.Meta;
}
