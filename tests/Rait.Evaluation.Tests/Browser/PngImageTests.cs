using ScottPlot;
using SkiaSharp;

namespace Rait.Evaluation.Tests.Browser;

public class PngImageTests
{
    [Fact]
    public void Decode_SkiaEncodedPlot_MatchesSkiaPixels()
    {
        var plot = new Plot();
        plot.Add.Scatter(new double[] { 1, 2, 3 }, new double[] { 3, 1, 2 });
        byte[] png = plot.GetImage(200, 120).GetImageBytes(ImageFormat.Png);
        using var reference = SKBitmap.Decode(png);

        var image = PngImage.Decode(png);

        image.Width.ShouldBe(200);
        image.Height.ShouldBe(120);
        foreach (var (x, y) in new[] { (0, 0), (100, 60), (199, 119), (37, 91), (150, 20) })
        {
            var c = reference.GetPixel(x, y);
            image[x, y].ShouldBe((uint)(c.Red << 24 | c.Green << 16 | c.Blue << 8 | c.Alpha), $"pixel ({x}, {y})");
        }
        image.DistinctColours().ShouldBeGreaterThan(10);
    }

    [Fact]
    public void Decode_NotPng_Throws()
    {
        Should.Throw<InvalidDataException>(() => PngImage.Decode("<svg/>"u8.ToArray())).Message.ShouldContain("signature");
    }
}
