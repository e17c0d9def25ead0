using System.Text.Json.Serialization;

namespace Rait.Evaluation.Tests.Browser;

/// <summary>What Chromium saw after loading a page: errors, the figures' SVG boxes, resource loads and a full-page PNG.</summary>
internal sealed record PageRender(IReadOnlyList<string> Errors, PageDom Dom, byte[] Screenshot);

/// <summary>The DOM facts the report test checks, gathered by one script in the loaded page.</summary>
internal sealed record PageDom(
    [property: JsonPropertyName("title")] string Title,
    [property: JsonPropertyName("figures")] int Figures,
    [property: JsonPropertyName("placeholders")] int Placeholders,
    [property: JsonPropertyName("svgs")] IReadOnlyList<SvgBox> Svgs,
    [property: JsonPropertyName("resources")] IReadOnlyList<string> Resources,
    [property: JsonPropertyName("width")] double Width,
    [property: JsonPropertyName("height")] double Height);

/// <summary>Rendered size of one inline SVG, its number of text elements and its nearest figure's id.</summary>
internal sealed record SvgBox(
    [property: JsonPropertyName("figure")] string Figure,
    [property: JsonPropertyName("width")] double Width,
    [property: JsonPropertyName("height")] double Height,
    [property: JsonPropertyName("texts")] int Texts);
