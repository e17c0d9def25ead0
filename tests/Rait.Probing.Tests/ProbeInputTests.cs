using Rait.Core;
using Rait.Core.Io;
using Rait.Tests;

namespace Rait.Probing.Tests;

public class ProbeInputTests
{
    private static string Write(params string[] lines)
    {
        var path = Path.Combine(RepoPaths.NewTempDir(), "in.jsonl");
        File.WriteAllLines(path, lines);
        return path;
    }

    [Fact]
    public void Read_MixedLines_DetectsKindByOptionsField()
    {
        var path = Write(Jsonl.Serialize(TinyModelFixture.OpenItems(1)[0]), "", Jsonl.Serialize(TinyModelFixture.ChoiceItems()[1]));
        var items = ProbeInput.Read(path);
        items.Count.ShouldBe(2);
        items[0].Open.ShouldNotBeNull();
        items[1].Choice.ShouldNotBeNull().Options.Count.ShouldBe(3);
    }

    [Fact]
    public void Read_MalformedLine_NamesFileAndLine()
    {
        var path = Write(Jsonl.Serialize(TinyModelFixture.OpenItems(1)[0]), "{\"id\": \"x\", \"question\": ");
        Should.Throw<RaitException>(() => ProbeInput.Read(path)).Message.ShouldContain("in.jsonl:2");
    }

    [Fact]
    public void Read_MissingAnswers_NamesField()
    {
        var path = Write("""{"id":"x","question":"q?"}""");
        var e = Should.Throw<RaitException>(() => ProbeInput.Read(path));
        e.Message.ShouldContain("in.jsonl:1");
        e.Message.ShouldContain("answers");
    }

    [Fact]
    public void Read_TargetNotAnOption_NamesTarget()
    {
        var path = Write("""{"id":"m","question":"q?","options":[{"label":"A","text":"x"},{"label":"B","text":"y"}],"target":"C"}""");
        var e = Should.Throw<RaitException>(() => ProbeInput.Read(path));
        e.Message.ShouldContain("in.jsonl:1");
        e.Message.ShouldContain("target");
    }

    [Fact]
    public void Read_DuplicateId_NamesBothLines()
    {
        var line = Jsonl.Serialize(TinyModelFixture.OpenItems(1)[0]);
        Should.Throw<RaitException>(() => ProbeInput.Read(Write(line, line))).Message.ShouldContain("first on line 1");
    }

    [Fact]
    public void Read_UnknownField_Rejected()
    {
        var path = Write("""{"id":"x","question":"q?","answers":["a"],"anwser":"a"}""");
        Should.Throw<RaitException>(() => ProbeInput.Read(path)).Message.ShouldContain("anwser");
    }
}
