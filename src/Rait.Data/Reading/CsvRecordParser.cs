using Rait.Core;

namespace Rait.Data.Reading;

/// <summary>
/// RFC 4180 CSV: comma-separated, fields optionally double-quoted, <c>""</c> escapes a quote inside quotes,
/// quoted fields may span lines, CRLF or LF line ends. Each record carries the line it starts on.
/// </summary>
public static class CsvRecordParser
{
    public static IEnumerable<(int Line, string[] Fields)> Parse(string file, string text)
    {
        int i = 0, line = 1;
        var fields = new List<string>();
        var field = new System.Text.StringBuilder();
        while (i < text.Length)
        {
            int recordLine = line;
            fields.Clear();
            while (true)
            {
                field.Clear();
                if (i < text.Length && text[i] == '"') i = ReadQuoted(file, text, i + 1, field, ref line);
                else
                    while (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                    {
                        if (text[i] == '"') throw new RaitException($"{file}:{line}: stray '\"' inside an unquoted CSV field (field {fields.Count + 1}); quote the whole field.");
                        field.Append(text[i++]);
                    }
                fields.Add(field.ToString());
                if (i < text.Length && text[i] == ',') { i++; continue; }
                if (i < text.Length && text[i] == '\r') i++;
                if (i < text.Length && text[i] == '\n') { i++; line++; }
                break;
            }
            if (fields.Count == 1 && fields[0].Length == 0) continue; // blank line
            yield return (recordLine, fields.ToArray());
        }
    }

    private static int ReadQuoted(string file, string text, int i, System.Text.StringBuilder field, ref int line)
    {
        int startLine = line;
        while (i < text.Length)
        {
            char c = text[i];
            if (c == '"')
            {
                if (i + 1 < text.Length && text[i + 1] == '"') { field.Append('"'); i += 2; continue; }
                i++;
                if (i < text.Length && text[i] is not (',' or '\n' or '\r'))
                    throw new RaitException($"{file}:{line}: unexpected character after a closing quote in a CSV field.");
                return i;
            }
            if (c == '\n') line++;
            field.Append(c);
            i++;
        }
        throw new RaitException($"{file}:{startLine}: unterminated quoted CSV field (opening quote never closed).");
    }
}
