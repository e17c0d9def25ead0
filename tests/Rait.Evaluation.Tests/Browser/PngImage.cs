using System.Buffers.Binary;
using System.IO.Compression;

namespace Rait.Evaluation.Tests.Browser;

/// <summary>
/// A decoded 8-bit, non-interlaced PNG (greyscale, RGB, or with alpha) as RGBA pixels, enough to check that a
/// browser screenshot is not blank without an imaging package.
/// </summary>
/// <remarks>Follows the PNG specification (W3C, 2nd edition): chunks, zlib-compressed IDAT, per-row filters 0-4.</remarks>
internal sealed class PngImage
{
    private static readonly byte[] Signature = [137, 80, 78, 71, 13, 10, 26, 10];

    private readonly uint[] _rgba;   // [Height * Width], 0xRRGGBBAA

    private PngImage(int width, int height, uint[] rgba)
    {
        Width = width;
        Height = height;
        _rgba = rgba;
    }

    public int Width { get; }
    public int Height { get; }

    public uint this[int x, int y] => _rgba[y * Width + x];

    /// <summary>Number of distinct RGBA values in the image.</summary>
    public int DistinctColours() => _rgba.Distinct().Count();

    /// <summary>Share of pixels whose colour differs from the top-left pixel (the page background).</summary>
    public double ShareNotBackground() => _rgba.Count(p => p != _rgba[0]) / (double)_rgba.Length;

    /// <exception cref="InvalidDataException">Not a PNG, or a variant this decoder does not handle (named in the message).</exception>
    public static PngImage Decode(byte[] png)
    {
        if (png.Length < 8 || !png.AsSpan(0, 8).SequenceEqual(Signature)) throw new InvalidDataException("not a PNG (bad signature)");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        for (int at = 8; at + 8 <= png.Length;)
        {
            int length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(at));
            string type = System.Text.Encoding.ASCII.GetString(png, at + 4, 4);
            var data = png.AsSpan(at + 8, length);
            if (type == "IHDR") (width, height, channels) = Header(data);
            else if (type == "IDAT") idat.Write(data);
            else if (type == "IEND") break;
            at += 12 + length;   // length, type, data, CRC
        }
        if (channels == 0) throw new InvalidDataException("PNG without IHDR");
        idat.Position = 0;
        using var zlib = new ZLibStream(idat, CompressionMode.Decompress);
        using var raw = new MemoryStream();
        zlib.CopyTo(raw);
        return new PngImage(width, height, ToRgba(Unfilter(raw.ToArray(), width, height, channels), width, height, channels));
    }

    private static (int Width, int Height, int Channels) Header(ReadOnlySpan<byte> d)
    {
        int width = BinaryPrimitives.ReadInt32BigEndian(d), height = BinaryPrimitives.ReadInt32BigEndian(d[4..]);
        byte depth = d[8], colourType = d[9], interlace = d[12];
        if (depth != 8 || interlace != 0) throw new InvalidDataException($"PNG bit depth {depth}, interlace {interlace}: only 8-bit non-interlaced is supported");
        int channels = colourType switch { 0 => 1, 2 => 3, 4 => 2, 6 => 4, _ => throw new InvalidDataException($"PNG colour type {colourType} is not supported") };
        return (width, height, channels);
    }

    /// <summary>Reverses the per-row filters; returns [Height, Width * channels] bytes.</summary>
    private static byte[] Unfilter(byte[] raw, int width, int height, int bpp)
    {
        int stride = width * bpp;
        if (raw.Length < height * (stride + 1)) throw new InvalidDataException($"PNG data too short: {raw.Length} bytes for {width}x{height}");
        var pixels = new byte[height * stride];
        for (int y = 0; y < height; y++)
        {
            byte filter = raw[y * (stride + 1)];
            var src = raw.AsSpan(y * (stride + 1) + 1, stride);
            var row = pixels.AsSpan(y * stride, stride);
            var up = y > 0 ? pixels.AsSpan((y - 1) * stride, stride) : new byte[stride];
            for (int i = 0; i < stride; i++)
            {
                int a = i >= bpp ? row[i - bpp] : 0, b = up[i], c = i >= bpp ? up[i - bpp] : 0;
                row[i] = (byte)(src[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"PNG row {y}: unknown filter {filter}"),
                });
            }
        }
        return pixels;
    }

    private static int Paeth(int a, int b, int c)
    {
        int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }

    private static uint[] ToRgba(byte[] px, int width, int height, int channels)
    {
        var rgba = new uint[width * height];
        for (int i = 0; i < rgba.Length; i++)
        {
            var p = px.AsSpan(i * channels, channels);
            (byte r, byte g, byte b, byte a) = channels switch
            {
                1 => (p[0], p[0], p[0], (byte)255),
                2 => (p[0], p[0], p[0], p[1]),
                3 => (p[0], p[1], p[2], (byte)255),
                _ => (p[0], p[1], p[2], p[3]),
            };
            rgba[i] = (uint)(r << 24 | g << 16 | b << 8 | a);
        }
        return rgba;
    }
}
