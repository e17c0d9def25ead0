using Rait.Core.Records;
using Rait.Probing.Output;

namespace Rait.Probing;

/// <summary>What a finished probe wrote: the rows in input order, the summary and the file paths.</summary>
/// <param name="Resumed">Rows taken over from an earlier, interrupted run.</param>
public sealed record ProbeRunResult(IReadOnlyList<ProbeRecord> Rows, ProbeSummary Summary, string JsonlPath, string? ParquetPath, string SummaryPath, int Resumed);
