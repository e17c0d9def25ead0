using System.Text;
using Rait.Data.Reading;

namespace Rait.Data.Tests.Reading;

public sealed class ContainerDetectorTests
{
    [Theory]
    [InlineData("a.jsonl", "{\"a\":1}", ContainerFormat.Jsonl)]
    [InlineData("a.json", "{\"a\":1}\n{\"a\":2}\n", ContainerFormat.Jsonl)]
    [InlineData("a.json", "{\n  \"example\": [{\"a\": 1}]\n}", ContainerFormat.JsonArray)]
    [InlineData("a.json", " [ {\"a\":1} ]", ContainerFormat.JsonArray)]
    [InlineData("a.txt", "question,answer\nq,a\n", ContainerFormat.Csv)]
    [InlineData("a.bin", "PAR1....", ContainerFormat.Parquet)]
    [InlineData("a.csv", "{\"a\":1}", ContainerFormat.Csv)]
    public void Detect_ExtensionAndContent_PicksContainer(string name, string content, ContainerFormat expected) =>
        ContainerDetector.Detect(name, Encoding.UTF8.GetBytes(content)).ShouldBe(expected);

    [Fact]
    public void CsvRecordParser_QuotesAndNewlines_FollowRfc4180()
    {
        var records = CsvRecordParser.Parse("f", "a,\"b \"\"x\"\", y\",c\r\n\"multi\nline\",,\"\"\n").ToList();
        records.Count.ShouldBe(2);
        records[0].Fields.ShouldBe(["a", "b \"x\", y", "c"]);
        records[1].Line.ShouldBe(2);
        records[1].Fields.ShouldBe(["multi\nline", "", ""]);
    }
}
