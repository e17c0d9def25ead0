namespace Rait.Model.Tokenization;

/// <summary>GPT-2's <c>bytes_to_unicode</c> map: every byte gets a printable character.</summary>
internal static class ByteLevelAlphabet
{
    /// <summary>Byte → character.</summary>
    public static readonly char[] ByteToChar = BuildByteToChar();

    private static readonly Dictionary<char, byte> CharToByte =
        Enumerable.Range(0, 256).ToDictionary(b => ByteToChar[b], b => (byte)b);

    private static char[] BuildByteToChar()
    {
        var map = new char[256];
        int next = 256;
        for (int b = 0; b < 256; b++)
        {
            bool printable = (b >= 0x21 && b <= 0x7E) || (b >= 0xA1 && b <= 0xAC) || (b >= 0xAE && b <= 0xFF);
            map[b] = printable ? (char)b : (char)next++;
        }
        return map;
    }

    /// <summary>Maps the UTF-8 bytes of <paramref name="text"/> to the byte-level alphabet.</summary>
    public static string Encode(string text)
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(text);
        return string.Create(bytes.Length, bytes, static (span, b) =>
        {
            for (int i = 0; i < b.Length; i++) span[i] = ByteToChar[b[i]];
        });
    }

    /// <summary>
    /// Appends the bytes a byte-level token stands for. A token with a character outside the alphabet
    /// (an added token such as a CJK word) contributes its own UTF-8 bytes, as HF's ByteLevel decoder does.
    /// </summary>
    public static void AppendBytes(string token, List<byte> output)
    {
        foreach (var c in token)
        {
            if (!CharToByte.ContainsKey(c))
            {
                output.AddRange(System.Text.Encoding.UTF8.GetBytes(token));
                return;
            }
        }
        foreach (var c in token) output.Add(CharToByte[c]);
    }
}
