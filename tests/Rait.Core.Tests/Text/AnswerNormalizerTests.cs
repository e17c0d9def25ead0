using Rait.Core.Text;

namespace Rait.Core.Tests.Text;

public class AnswerNormalizerTests
{
    [Theory]
    [InlineData("The U.S. Army!", "us army")]
    [InlineData("  An   apple a day ", "apple day")]
    [InlineData("theater", "theater")]
    [InlineData("new_york's", "newyorks")]
    [InlineData("Rock & Roll", "rock roll")]
    [InlineData("", "")]
    public void Squad_Examples_MatchOfficialScript(string input, string expected) =>
        AnswerNormalizer.Squad(input).ShouldBe(expected);

    [Theory]
    [InlineData("The U.S. Army!", "u s army")]
    [InlineData("new_york\u2019s", "new york s")]
    [InlineData("\u2018A\u2019 Team", "team")]
    [InlineData("Rock´n`Roll", "rock n roll")]
    [InlineData("  the end  ", "end")]
    public void TriviaQa_Examples_ReplacePunctuationWithSpace(string input, string expected) =>
        AnswerNormalizer.TriviaQa(input).ShouldBe(expected);

    [Fact]
    public void Normalize_Kind_DispatchesToRule()
    {
        AnswerNormalizer.Normalize("U.S.", AnswerNormalization.Squad).ShouldBe("us");
        AnswerNormalizer.Normalize("U.S.", AnswerNormalization.TriviaQa).ShouldBe("u s");
    }
}
