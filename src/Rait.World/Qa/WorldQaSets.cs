using Rait.Core.Records;

namespace Rait.World.Qa;

/// <summary>Open-ended and multiple-choice items per split. MC item i asks the same question as open item i.</summary>
public sealed record WorldQaSets(
    IReadOnlyDictionary<string, IReadOnlyList<QaItem>> Open,
    IReadOnlyDictionary<string, IReadOnlyList<McItem>> MultipleChoice);
