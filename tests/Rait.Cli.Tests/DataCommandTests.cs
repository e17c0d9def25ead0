using System.Text;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Tests;

namespace Rait.Cli.Tests;

/// <summary>`rait data convert` reads a user's own CSV through the generic field options.</summary>
public sealed class DataCommandTests
{
    [Fact]
    public void Convert_BomCrlfCsvWithOwnColumns_WritesEveryRowWithSplitAnswers()
    {
        // Given a spreadsheet export: BOM, CRLF, a quoted comma, columns query and gold_answers ("a;b")
        var dir = RepoPaths.NewTempDir();
        var csv = Path.Combine(dir, "quiz.csv");
        File.WriteAllBytes(csv, [.. Encoding.UTF8.GetPreamble(), .. Encoding.UTF8.GetBytes(
            "query,gold_answers\r\n\"Paris, or Lyon: which is the capital?\",Paris\r\nWho wrote Hamlet?,William Shakespeare;Shakespeare\r\nLargest planet?,Jupiter\r\n")]);
        var outFile = Path.Combine(dir, "quiz.jsonl");

        // When it is converted with the generic mapping options
        var run = CliHarness.Run("data", "convert", csv, "--question-field", "query", "--answers-field", "gold_answers",
            "--answers-separator", ";", "--out", outFile);

        // Then every row arrives, the answers split into aliases
        run.ExitCode.ShouldBe(0, run.Stderr);
        run.Stdout.ShouldContain("wrote 3 open items (generic)");
        var items = Jsonl.Read<QaItem>(outFile);
        items.Select(i => i.Question).ShouldBe(["Paris, or Lyon: which is the capital?", "Who wrote Hamlet?", "Largest planet?"]);
        items[1].Answers.ShouldBe(["William Shakespeare", "Shakespeare"]);
    }
}
