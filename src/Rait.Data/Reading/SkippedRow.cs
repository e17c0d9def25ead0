namespace Rait.Data.Reading;

/// <summary>A row that could not be read or converted: where it is and why.</summary>
public sealed record SkippedRow(string Location, string Reason)
{
    public override string ToString() => $"{Location}: {Reason}";
}
