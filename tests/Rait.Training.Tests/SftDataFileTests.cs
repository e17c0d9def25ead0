using Rait.Core;
using Rait.Training.Data;

namespace Rait.Training.Tests;

/// <summary>SFT rows as users write them: ids optional, prompt/answer or a single-turn message list.</summary>
public sealed class SftDataFileTests
{
    private static string Write(params string[] lines)
    {
        var path = Path.Combine(Rait.Tests.RepoPaths.NewTempDir(), "sft.jsonl");
        File.WriteAllText(path, string.Join("\n", lines) + "\n");
        return path;
    }

    [Fact]
    public void Read_RowsWithoutId_AreNamedAfterTheirLine()
    {
        // Given prompt/answer rows without ids, with a blank line between them
        var path = Write("{\"prompt\": \"Who is Tom?\", \"answer\": \"A boy.\"}", "", "{\"prompt\": \"Who is Lily?\", \"answer\": \"A girl.\", \"weight\": 0.5}");

        // When the file is read
        var rows = SftDataFile.Read(path);

        // Then ids come from the line numbers (blank lines count) and the other fields are kept
        rows.Select(r => r.Id).ShouldBe(["line-1", "line-3"]);
        rows[1].Prompt.ShouldBe("Who is Lily?");
        rows[1].Answer.ShouldBe("A girl.");
        rows[1].Weight.ShouldBe(0.5);
        rows[0].Weight.ShouldBe(1.0);
    }

    [Fact]
    public void Read_GivenIds_AreKept()
    {
        var rows = SftDataFile.Read(Write("{\"id\": \"q7\", \"prompt\": \"p\", \"answer\": \"a\", \"method\": \"van\"}"));

        rows.Single().Id.ShouldBe("q7");
        rows.Single().Method.ShouldBe("van");
    }

    [Fact]
    public void Read_Messages_MapOntoSystemPromptAnswer()
    {
        // Given a chat row with a system turn and a chat row without one
        var path = Write(
            "{\"messages\": [{\"role\": \"system\", \"content\": \"Be brief.\"}, {\"role\": \"user\", \"content\": \"Who is Tom?\"}, {\"role\": \"assistant\", \"content\": \"A boy.\"}]}",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"Who is Sam?\"}, {\"role\": \"assistant\", \"content\": \"I don't know.\"}], \"weight\": 2}");

        var rows = SftDataFile.Read(path);

        rows[0].System.ShouldBe("Be brief.");
        rows[0].Prompt.ShouldBe("Who is Tom?");
        rows[0].Answer.ShouldBe("A boy.");
        rows[0].Id.ShouldBe("line-1");
        rows[1].System.ShouldBeNull();
        rows[1].Answer.ShouldBe("I don't know.");
        rows[1].Weight.ShouldBe(2);
    }

    [Fact]
    public void Read_MultiTurnMessages_NamesLineAndRoles()
    {
        var path = Write("{\"prompt\": \"p\", \"answer\": \"a\"}",
            "{\"messages\": [{\"role\": \"user\", \"content\": \"a\"}, {\"role\": \"assistant\", \"content\": \"b\"}, {\"role\": \"user\", \"content\": \"c\"}]}");

        var e = Should.Throw<RaitException>(() => SftDataFile.Read(path));

        e.Message.ShouldContain($"{path}:2");
        e.Message.ShouldContain("[user, assistant, user]");
    }

    [Fact]
    public void Read_DuplicateId_NamesBothLines()
    {
        var path = Write("{\"id\": \"line-2\", \"prompt\": \"p\", \"answer\": \"a\"}", "{\"prompt\": \"q\", \"answer\": \"b\"}");

        var e = Should.Throw<RaitException>(() => SftDataFile.Read(path));

        e.Message.ShouldContain($"{path}:2: id 'line-2' already used at line 1");
    }

    [Theory]
    [InlineData("{\"prompt\": \"p\"}", "answer")]
    [InlineData("{\"prompt\": \"p\", \"answer\": \"a\", \"anser\": \"x\"}", "anser")]
    [InlineData("{\"messages\": [], \"prompt\": \"p\"}", "not both")]
    [InlineData("[1, 2]", "expected a JSON object")]
    public void Read_BadRow_NamesFileLineAndField(string line, string expected)
    {
        var path = Write(line);

        var e = Should.Throw<RaitException>(() => SftDataFile.Read(path));

        e.Message.ShouldStartWith($"{path}:1:");
        e.Message.ShouldContain(expected);
    }
}
