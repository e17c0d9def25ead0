using System.Text;
using Rait.Core;
using Rait.Data.Adapters;

namespace Rait.Data.Tests.Adapters;

/// <summary>Files as users export them (spreadsheet CSVs, nested JSON) read through the generic field mapping.</summary>
public sealed class UserFileShapeTests
{
    private static readonly GenericMapping QueryGold = new() { QuestionField = "query", AnswersField = "gold_answers", AnswersSeparator = ";" };

    // Spreadsheet export: BOM, CRLF, quoted commas and quotes, a quoted field spanning lines, its own column names.
    private static readonly string SpreadsheetCsv = string.Join("\r\n",
        "\"query\",gold_answers,notes",
        "\"Who wrote \"\"Hamlet\"\", the play?\",William Shakespeare; Shakespeare,\"drama, tragedy\"",
        "What is the capital of France?,Paris,",
        "\"Name a prime, any prime\",2;3;5;7,\"line one\r\nline two\"",
        "How many legs does a spider have?,eight;8,arachnid",
        "");

    private static string WriteBomCsv(string name, string text) =>
        TempFiles.Bytes(name, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

    private static IReadOnlyList<Rait.Core.Records.QaItem> OpenItems(LoadedDataset d) =>
        d.Items.Select(i => i.ShouldBeOfType<OpenItem>().Item).ToList();

    [Fact]
    public void Load_BomCrlfCsvWithCustomColumns_ReadsEveryRowThroughTheMapping()
    {
        var path = WriteBomCsv("export.csv", SpreadsheetCsv);

        var d = DatasetLoader.Load(path, new DatasetLoadOptions { Mapping = QueryGold });

        d.Format.ShouldBe(DatasetFormat.Generic);
        var items = OpenItems(d);
        items.Count.ShouldBe(4);
        items[0].Question.ShouldBe("Who wrote \"Hamlet\", the play?");
        items[0].Answers.ShouldBe(["William Shakespeare", "Shakespeare"]);
        items[1].Answers.ShouldBe(["Paris"]);
        items[2].Question.ShouldBe("Name a prime, any prime");
        items[2].Answers.ShouldBe(["2", "3", "5", "7"]);
        items[3].Answers.ShouldBe(["eight", "8"]);
        // Ids fall back to file stem and the line each record starts on; the multi-line field moves the next one.
        items.Select(i => i.Id).ShouldBe(["export-2", "export-3", "export-4", "export-6"]);
    }

    [Fact]
    public void Load_CsvWithoutSeparator_KeepsTheCellAsOneAnswer()
    {
        var path = WriteBomCsv("export.csv", SpreadsheetCsv);

        var d = DatasetLoader.Load(path, new DatasetLoadOptions { Mapping = QueryGold with { AnswersSeparator = null } });

        OpenItems(d)[2].Answers.ShouldBe(["2;3;5;7"]);
    }

    [Fact]
    public void Load_CsvMappingNamesAbsentColumn_ListsTheColumns()
    {
        var path = WriteBomCsv("export.csv", SpreadsheetCsv);

        var e = Should.Throw<RaitException>(() => DatasetLoader.Load(path, new DatasetLoadOptions { Mapping = QueryGold with { AnswersField = "answers" } }));

        e.Message.ShouldContain("export.csv: CSV lacks column 'answers' required by the generic layout; columns are: query, gold_answers, notes.");
    }

    [Fact]
    public void Load_CsvWithCustomColumnsAndNoMapping_AsksForAMappingNamingTheColumns()
    {
        var path = WriteBomCsv("export.csv", SpreadsheetCsv);

        var e = Should.Throw<RaitException>(() => TempFiles.Load(path));

        e.Message.ShouldContain("cannot tell the dataset layout from the fields query, gold_answers, notes");
        e.Message.ShouldContain("--question-field");
    }

    [Fact]
    public void Load_SeparatedCellWithOnlySeparators_IsABadRowNamingTheField()
    {
        var path = WriteBomCsv("export.csv", "query,gold_answers\r\nWho?,Ann\r\nWhy?, ; ;\r\n");

        var d = DatasetLoader.Load(path, new DatasetLoadOptions { Mapping = QueryGold, SkipBadRows = true });

        d.Items.Count.ShouldBe(1);
        d.Skipped.Single().ToString().ShouldEndWith("export.csv:3: field 'gold_answers': no answers (expected a string of ';'-separated answers or a non-empty list of strings)");
    }

    [Theory]
    [InlineData("nq.jsonl", "{\"question\": \"q1\", \"answer\": [\"a\"]}\r\n{\"question\": \"q2\", \"answer\": [\"b\"]}\r\n")]
    [InlineData("nq.json", "\r\n[{\"question\": \"q1\", \"answer\": [\"a\"]}, {\"question\": \"q2\", \"answer\": [\"b\"]}]")]
    public void Load_JsonWithBomAndCrlf_ReadsEveryRecord(string name, string text)
    {
        var path = TempFiles.Bytes(name, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(text)]);

        var d = TempFiles.Load(path);

        d.Format.ShouldBe(DatasetFormat.NqOpen);
        OpenItems(d).Select(i => i.Question).ShouldBe(["q1", "q2"]);
    }

    [Fact]
    public void Load_SeparatorDoesNotSplitTheElementsOfAList()
    {
        var path = TempFiles.Text("q.jsonl", """{"query": "Who?", "gold_answers": ["Ann; Bo", "Cy"]}""" + "\n");

        var d = DatasetLoader.Load(path, new DatasetLoadOptions { Mapping = QueryGold });

        OpenItems(d).Single().Answers.ShouldBe(["Ann; Bo", "Cy"]);
    }

    [Fact]
    public void Load_NestedJsonArrayOfObjects_FindsTheRecordsAndReadsNestedFields()
    {
        var path = TempFiles.Text("export.json", """
            {
              "version": "2.1",
              "meta": {"source": "quiz night", "tags": ["a", "b"]},
              "data": {
                "split": "dev",
                "questions": [
                  {"id": "q1", "query": {"text": "Capital of Peru?"}, "gold": {"answers": ["Lima"]}},
                  {"id": "q2", "query": {"text": "Largest planet?"}, "gold": {"answers": ["Jupiter", "jupiter"]}},
                  {"id": "q3", "query": {"text": "Boiling point of water in C?"}, "gold": {"answers": "100"}}
                ]
              }
            }
            """);

        var d = DatasetLoader.Load(path, new DatasetLoadOptions
        {
            Mapping = new GenericMapping { QuestionField = "query.text", AnswersField = "gold.answers", IdField = "id" },
        });

        var items = OpenItems(d);
        items.Select(i => i.Id).ShouldBe(["q1", "q2", "q3"]);
        items[1].Question.ShouldBe("Largest planet?");
        items[1].Answers.ShouldBe(["Jupiter", "jupiter"]);
        items[2].Answers.ShouldBe(["100"]);
    }

    [Fact]
    public void Load_NestedJsonWithTwoRecordArraysAtOneDepth_NamesBoth()
    {
        var path = TempFiles.Text("export.json", """{"data": {"train": [{"q": "a", "a": "b"}], "dev": [{"q": "c", "a": "d"}]}}""");

        var e = Should.Throw<RaitException>(() => DatasetLoader.Load(path, new DatasetLoadOptions
        {
            Mapping = new GenericMapping { QuestionField = "q", AnswersField = "a" },
        }));

        e.Message.ShouldContain("export.json: expected one array of records, found several at the same depth: data.train, data.dev.");
    }

    [Fact]
    public void Load_JsonRecordsBesideADeeperArray_TakesTheShallowerOne()
    {
        var path = TempFiles.Text("export.json", """{"items": [{"q": "a", "a": "b"}, {"q": "c", "a": "d"}], "info": {"authors": [{"name": "x"}]}}""");

        var d = DatasetLoader.Load(path, new DatasetLoadOptions { Mapping = new GenericMapping { QuestionField = "q", AnswersField = "a" } });

        d.Items.Count.ShouldBe(2);
    }
}
