namespace Rait.Server.Dto;

/// <summary>The inner error object; <c>param</c> names the offending request field when there is one.</summary>
public sealed record ErrorBody(string Message, string Type, string? Param, string? Code);
