using Rait.Evaluation.Judge;

namespace Rait.Evaluation.Tests.Judge;

public sealed class JudgeReplyParserTests
{
    [Theory]
    [InlineData("CORRECT", JudgeLabel.Correct)]
    [InlineData("  correct\n", JudgeLabel.Correct)]
    [InlineData("Wrong.", JudgeLabel.Wrong)]
    [InlineData("REFUSED", JudgeLabel.Refused)]
    [InlineData("refused.", JudgeLabel.Refused)]
    [InlineData("", JudgeLabel.Unparsed)]
    [InlineData(null, JudgeLabel.Unparsed)]
    [InlineData("CORRECT.", JudgeLabel.Correct)]
    [InlineData("CORRECT..", JudgeLabel.Unparsed)]
    [InlineData("Correct, because Paris is the capital.", JudgeLabel.Unparsed)]
    [InlineData("not correct", JudgeLabel.Unparsed)]
    [InlineData("CORRECT WRONG", JudgeLabel.Unparsed)]
    [InlineData("Verdict: WRONG", JudgeLabel.Unparsed)]
    [InlineData("Once upon a time there was", JudgeLabel.Unparsed)]
    public void Parse_Reply_StrictLabel(string? reply, JudgeLabel expected) => JudgeReplyParser.Parse(reply).ShouldBe(expected);
}
