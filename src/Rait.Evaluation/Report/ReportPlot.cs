namespace Rait.Evaluation.Report;

/// <summary>One rendered figure: a title, an inline SVG (or null when there is nothing to draw) and a caption.</summary>
public sealed record ReportPlot(string Title, string? Svg, string Caption);
