using Rait.Evaluation.Metrics;

namespace Rait.Evaluation.Report;

/// <summary>One metric column of the method table: header, which direction is better (null: neither), a one-line definition, and the value.</summary>
public sealed record MethodColumn(string Header, bool? HigherIsBetter, string Definition, Func<MethodResult, Estimate?> Value);
