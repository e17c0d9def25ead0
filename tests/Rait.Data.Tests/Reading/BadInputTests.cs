using Rait.Core;
using Rait.Data.Adapters;
using Rait.Data.Reading;

namespace Rait.Data.Tests.Reading;

/// <summary>Malformed files: each error names the file, the line or row, and the field.</summary>
public sealed class BadInputTests
{
    private const string GoodLine = """{"question": "who wrote hamlet", "answer": ["Shakespeare"]}""";

    [Fact]
    public void Load_MalformedJsonlLine_NamesFileAndLine()
    {
        var path = TempFiles.Text("nq.jsonl", GoodLine + "\n" + GoodLine + "\n{\"question\": \"x\", \"answer\": [\n" + GoodLine + "\n");
        var e = Should.Throw<DataRowException>(() => TempFiles.Load(path));
        e.Message.ShouldContain("nq.jsonl:3: malformed JSON");
    }

    [Fact]
    public void Load_MalformedJsonlLineWithSkip_ReturnsCountAndList()
    {
        var path = TempFiles.Text("nq.jsonl", GoodLine + "\nnot json\n" + GoodLine.Replace("hamlet", "macbeth") + "\n{\"question\": \"q\", \"answer\": []}\n");
        var d = TempFiles.Load(path, skip: true);
        d.Items.Count.ShouldBe(2);
        d.Skipped.Count.ShouldBe(2);
        d.Skipped[0].Location.ShouldEndWith("nq.jsonl:2");
        d.Skipped[1].ToString().ShouldEndWith("nq.jsonl:4: field 'answer': no answers (expected at least one alias)");
    }

    [Fact]
    public void Load_JsonlWrongFieldType_NamesField()
    {
        var path = TempFiles.Text("nq.jsonl", """{"question": 12, "answer": ["x"]}""" + "\n");
        Should.Throw<DataRowException>(() => TempFiles.Load(path)).Message.ShouldContain("nq.jsonl:1: field 'question': expected a string, got the number 12");
    }

    [Fact]
    public void Load_DuplicateIds_NamesBothRows()
    {
        var line = """{"id": "a", "question": "q", "answers": ["x"]}""";
        var path = TempFiles.Text("dup.jsonl", line + "\n" + line + "\n");
        Should.Throw<DataRowException>(() => TempFiles.Load(path)).Message.ShouldContain("dup.jsonl:2: field 'id': 'a' already used at");
    }

    [Fact]
    public void Load_CsvMissingColumn_NamesColumnAndHeader()
    {
        var path = TempFiles.Text("anatomy_test.csv", "id,lang,question,A,B,C,D\nx,en,q?,a,b,c,d\n");
        var e = Should.Throw<RaitException>(() => TempFiles.Load(path, DatasetFormat.MmluCsv));
        e.Message.ShouldContain("anatomy_test.csv: CSV lacks column 'target' or 'answer' required by the mmlu layout");
    }

    [Fact]
    public void Load_CsvRowWithTooFewFields_NamesLine()
    {
        var path = TempFiles.Text("x_test.csv", "id,lang,question,A,B,C,D,target\nx/1,en,q?,a,b,c,d,A\nx/2,en,\"multi\nline\",a,b,c,d,B\nx/3,en,q,a,b,c,B\n");
        var e = Should.Throw<DataRowException>(() => TempFiles.Load(path));
        e.Message.ShouldContain("x_test.csv:5: expected 8 CSV fields");
    }

    [Fact]
    public void Load_CsvUnterminatedQuote_NamesStartLine()
    {
        var path = TempFiles.Text("y_test.csv", "id,lang,question,A,B,C,D,target\nx/1,en,\"never closed,a,b,c,d,A\n");
        Should.Throw<RaitException>(() => TempFiles.Load(path)).Message.ShouldContain("y_test.csv:2: unterminated quoted CSV field");
    }

    [Fact]
    public void Load_CsvBadTargetLetter_NamesField()
    {
        var path = TempFiles.Text("z_test.csv", "id,lang,question,A,B,C,D,target\nx/1,en,q,a,b,c,d,E\n");
        Should.Throw<DataRowException>(() => TempFiles.Load(path)).Message.ShouldContain("z_test.csv:2: field 'target': 'E' is not one of the option labels A, B, C, D");
    }

    [Fact]
    public void Load_ParquetWrongColumnType_NamesRowAndField()
    {
        var path = ParquetFixtures.Write("nq.parquet", [new ParquetFixtures.WrongTypeRow { question = 5, answer = ["x"] }]);
        var e = Should.Throw<DataRowException>(() => TempFiles.Load(path, DatasetFormat.NqOpen));
        e.Message.ShouldContain("nq.parquet row 1: field 'question': expected a string, got the number 5");
    }

    [Fact]
    public void Load_NotParquetBytes_SaysSo()
    {
        var path = TempFiles.Bytes("broken.parquet", "PAR1 this is not really parquet"u8.ToArray());
        Should.Throw<RaitException>(() => TempFiles.Load(path)).Message.ShouldContain("broken.parquet: not a readable Parquet file");
    }

    [Fact]
    public void Load_NonUtf8JsonlLine_NamesLine()
    {
        var bytes = System.Text.Encoding.UTF8.GetBytes(GoodLine + "\n").Concat("{\"question\": \"caf"u8.ToArray()).Concat(new byte[] { 0xE9 })
            .Concat("\", \"answer\": [\"x\"]}\n"u8.ToArray()).ToArray();
        var path = TempFiles.Bytes("latin1.jsonl", bytes);
        Should.Throw<DataRowException>(() => TempFiles.Load(path)).Message.ShouldContain("latin1.jsonl:2: not valid UTF-8 (byte 0xE9");
        TempFiles.Load(path, skip: true).Skipped.Single().Location.ShouldEndWith("latin1.jsonl:2");
    }

    [Fact]
    public void Load_NonUtf8Csv_NamesLine()
    {
        var bytes = "id,lang,question,A,B,C,D,target\nx/1,en,q,a,b,c,d,A\nx/2,en,caf"u8.ToArray().Concat(new byte[] { 0xE9 }).Concat(",a,b,c,d,A\n"u8.ToArray()).ToArray();
        var path = TempFiles.Bytes("w_test.csv", bytes);
        Should.Throw<RaitException>(() => TempFiles.Load(path)).Message.ShouldContain("w_test.csv:3: not valid UTF-8");
    }

    [Fact]
    public void Load_MissingFile_SaysNotFound()
    {
        Should.Throw<RaitException>(() => TempFiles.Load("no/such/file.jsonl")).Message.ShouldContain("no/such/file.jsonl: file or folder not found");
    }
}
