using System.Buffers;
using System.Text;
using System.Text.Unicode;
using Rait.Core;

namespace Rait.Data.Reading;

/// <summary>Strict UTF-8 decoding whose error names the file, line and byte offset of the first bad byte.</summary>
public static class Utf8Text
{
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    /// <summary>The UTF-8 byte order mark. Not <c>"\xEF\xBB\xBF"u8</c>: that literal UTF-8-encodes the chars U+00EF, U+00BB, U+00BF (six bytes).</summary>
    public static ReadOnlySpan<byte> Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>Decodes a whole file; a leading BOM is dropped.</summary>
    /// <exception cref="RaitException">Invalid UTF-8, naming line and byte offset.</exception>
    public static string Decode(string file, ReadOnlySpan<byte> bytes)
    {
        if (bytes.StartsWith(Bom)) bytes = bytes[Bom.Length..];
        int bad = FirstInvalid(bytes);
        if (bad >= 0)
        {
            int line = 1 + bytes[..bad].Count((byte)'\n');
            throw new RaitException($"{file}:{line}: not valid UTF-8 (byte 0x{bytes[bad]:X2} at offset {bad}); re-encode the file as UTF-8.");
        }
        return Strict.GetString(bytes);
    }

    /// <summary>Index of the first byte that is not part of valid UTF-8, or -1.</summary>
    public static int FirstInvalid(ReadOnlySpan<byte> bytes)
    {
        if (Utf8.IsValid(bytes)) return -1;
        var scratch = new char[Math.Max(16, bytes.Length)];
        var status = Utf8.ToUtf16(bytes, scratch, out int read, out _, replaceInvalidSequences: false);
        return status == OperationStatus.InvalidData ? read : bytes.Length - 1;
    }

    /// <summary>Decodes one line; returns null (and the reason) when it is not valid UTF-8.</summary>
    public static string? TryDecodeLine(ReadOnlySpan<byte> line, out string? problem)
    {
        int bad = FirstInvalid(line);
        problem = bad < 0 ? null : $"not valid UTF-8 (byte 0x{line[bad]:X2} at column {bad + 1})";
        return bad < 0 ? Strict.GetString(line) : null;
    }
}
