namespace Rait.Model.Tokenization;

/// <summary>HF <c>SplitDelimiterBehavior</c>: what happens to the matched delimiters when splitting.</summary>
internal enum SplitBehavior { Removed, Isolated, MergedWithPrevious, MergedWithNext, Contiguous }
