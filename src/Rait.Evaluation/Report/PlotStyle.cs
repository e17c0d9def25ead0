using System.Text.RegularExpressions;
using ScottPlot;

namespace Rait.Evaluation.Report;

/// <summary>Shared look of the report figures: colour-blind-safe colours per method, sans-serif text, legend outside the data area.</summary>
internal static partial class PlotStyle
{
    /// <summary>Okabe-Ito colours (safe for the common colour-vision deficiencies), yellow dropped for contrast on white.</summary>
    private static readonly Color[] MethodColours =
    [
        Color.FromHex("#0072B2"), Color.FromHex("#E69F00"), Color.FromHex("#009E73"), Color.FromHex("#D55E00"),
        Color.FromHex("#CC79A7"), Color.FromHex("#56B4E9"), Color.FromHex("#000000"), Color.FromHex("#999999"),
    ];

    private static readonly MarkerShape[] MethodMarkers =
    [
        MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledTriangleUp, MarkerShape.FilledDiamond,
        MarkerShape.FilledTriangleDown, MarkerShape.FilledCircle, MarkerShape.FilledSquare, MarkerShape.FilledDiamond,
    ];

    /// <summary>Colours of the two ground-truth classes and of the splits (dark and light blue).</summary>
    public static readonly Color Known = Color.FromHex("#0072B2"), Unknown = Color.FromHex("#D55E00");

    public static readonly Color[] SplitColours = [Color.FromHex("#1F4E79"), Color.FromHex("#7FB3E0"), Color.FromHex("#999999")];

    // The SVG names the font ScottPlot measured with; the browser gets a stack so any sans-serif font fits.
    private const string FontStack = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

    /// <summary>Methods in report order (first seen in the results), so a method keeps its colour in every figure.</summary>
    public static IReadOnlyList<string> MethodOrder(ReportInput input) =>
        input.Results.Select(r => r.Method).Concat(input.LossCurves.Select(c => c.Method))
            .Concat(input.ExposureBuckets.Select(b => b.Method)).Distinct().ToList();

    public static Color MethodColour(IReadOnlyList<string> order, string method) =>
        MethodColours[Math.Max(0, IndexOf(order, method)) % MethodColours.Length];

    public static MarkerShape MethodMarker(IReadOnlyList<string> order, string method) =>
        MethodMarkers[Math.Max(0, IndexOf(order, method)) % MethodMarkers.Length];

    private static int IndexOf(IReadOnlyList<string> order, string method)
    {
        for (int i = 0; i < order.Count; i++)
            if (order[i] == method) return i;
        return -1;
    }

    /// <summary>A plot with the report's fonts and axis labels; the figure title lives in the HTML, not the SVG.</summary>
    public static Plot NewPlot(string xLabel, string yLabel)
    {
        var plot = new Plot();
        plot.Font.Set(Fonts.Sans);
        plot.XLabel(xLabel, 14);
        plot.YLabel(yLabel, 14);
        plot.Axes.Bottom.TickLabelStyle.FontSize = 12;
        plot.Axes.Left.TickLabelStyle.FontSize = 12;
        plot.Grid.MajorLineColor = Color.FromHex("#E5E5E5");
        return plot;
    }

    /// <summary>Shows the legend to the right of the data area, where it cannot hide points.</summary>
    public static void LegendRight(Plot plot)
    {
        plot.ShowLegend(Edge.Right);
        plot.Legend.FontSize = 12;
        plot.Legend.OutlineColor = Colors.Transparent;
        plot.Legend.ShadowColor = Colors.Transparent;
    }

    /// <summary>Renders to a standalone SVG element (no XML declaration, with a viewBox) with a portable font stack.</summary>
    public static string Svg(Plot plot, int width, int height)
    {
        var svg = XmlDeclaration().Replace(plot.GetSvgXml(width, height), "").Trim();
        svg = FontFamily().Replace(svg, $"font-family=\"{FontStack}\"");
        // A viewBox lets the page scale the figure down on narrow screens instead of cropping it.
        return svg.StartsWith("<svg ", StringComparison.Ordinal) ? $"<svg viewBox=\"0 0 {width} {height}\" " + svg[5..] : svg;
    }

    [GeneratedRegex(@"^\s*<\?xml[^>]*\?>")]
    private static partial Regex XmlDeclaration();

    [GeneratedRegex("font-family=\"[^\"]*\"")]
    private static partial Regex FontFamily();
}
