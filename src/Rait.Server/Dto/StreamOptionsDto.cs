namespace Rait.Server.Dto;

/// <summary><c>stream_options</c>: with <c>include_usage</c> a final chunk with empty choices carries the usage.</summary>
public sealed record StreamOptionsDto
{
    public bool? IncludeUsage { get; init; }
}
