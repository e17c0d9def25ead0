using Rait.Core.Text;

namespace Rait.Core.Tests.Text;

public class McqaAnswerParserTests
{
    [Theory]
    [InlineData("B", "B")]
    [InlineData("Answer: C", "C")]
    [InlineData("The answer is B because of the second law.", "B")]
    [InlineData("the correct answer is option D, since ...", "D")]
    [InlineData("I believe A is correct because B is wrong.", "A")]
    [InlineData("The answer is D, not A", "A")]        // an end-anchored letter outranks "The answer is"
    [InlineData("答案是C", "C")]
    [InlineData("Choice-B: correct", "B")]              // cushion "X:"
    [InlineData("I pick(C)", "C")]                       // cushion: any option letter
    [InlineData("1.xDBA", "A")]                          // first option in option order inside the match
    public void Parse_Abcd_ReturnsLetter(string response, string expected) =>
        new McqaAnswerParser("ABCD").Parse(response).Letter.ShouldBe(expected);

    [Theory]
    [InlineData("probably c")]
    [InlineData("1. none of these")]                     // a match without a letter falls through
    [InlineData("The answer is E.")]
    [InlineData("")]
    public void Parse_NoOptionLetter_FailsParse(string response) =>
        new McqaAnswerParser("ABCD").Parse(response).IsFailParse.ShouldBeTrue();

    [Fact]
    public void Parse_FiveOptions_AcceptsE()
    {
        var parser = new McqaAnswerParser("ABCDE");
        parser.Parse("The answer is E.").Letter.ShouldBe("E");
        parser.Parse("(E)").Letter.ShouldBe("E");
    }

    [Fact]
    public void Parse_PatternOrder_ReportsWinningPattern()
    {
        var parser = new McqaAnswerParser("ABCD");
        var englishPhrase = McqaAnswerParser.PatternTemplates.ToList().IndexOf(@"[Tt]he answer is ({O})");
        parser.Parse("the answer is C because x").PatternIndex.ShouldBe(englishPhrase);
        parser.Parse("Choice-B: correct").PatternIndex.ShouldBe(McqaAnswerParser.PatternTemplates.Count);
        parser.Parse("I pick(C)").PatternIndex.ShouldBe(McqaAnswerParser.PatternTemplates.Count + 1);
    }

    [Fact]
    public void Parse_WithoutCushion_FailsOnBareLetterInsideWord() =>
        new McqaAnswerParser("ABCD", cushion: false).Parse("I pick(C)").IsFailParse.ShouldBeTrue();

    [Fact]
    public void ForLabels_NumericLabels_Parse() =>
        McqaAnswerParser.ForLabels(["1", "2", "3", "4"]).Parse("The answer is 3").Letter.ShouldBe("3");

    [Theory]
    [InlineData("")]
    [InlineData("ABCA")]
    [InlineData("A B")]
    public void Constructor_BadOptions_Throws(string options) =>
        Should.Throw<RaitException>(() => new McqaAnswerParser(options));
}
