using Rait.Core.Text;

namespace Rait.Core.Tests.Text;

public class AnswerMatcherTests
{
    [Theory]
    [InlineData("It was Harry S. Truman, I believe.", "harry s. truman", true)]
    [InlineData("  YORK  ", "York", true)]
    [InlineData("New York City", "York", true)]   // containment, not exact match
    [InlineData("Sinclair", "Sinclair Lewis", false)]
    [InlineData("Paris", "", false)]                // empty aliases never match everything
    public void Contains_Prediction_MatchesLowerCasedSubstring(string prediction, string alias, bool expected) =>
        new AliasContainmentMatcher().IsCorrect(prediction, [alias]).ShouldBe(expected);

    [Fact]
    public void Contains_WithSplitter_IgnoresTextAfterSplitter()
    {
        var matcher = new AliasContainmentMatcher(["Answer the following question as simple "]);
        var pred = "Paris\nanswer the following question as simple as possible.\nQuestion: x\nAnswer: Lyon";
        matcher.IsCorrect(pred, ["Lyon"]).ShouldBeFalse();
        matcher.IsCorrect(pred, ["paris"]).ShouldBeTrue();
        new AliasContainmentMatcher().IsCorrect(pred, ["Lyon"]).ShouldBeTrue();
    }

    [Theory]
    [InlineData("the U.S.", "US", true)]
    [InlineData("United States", "US", false)]
    [InlineData("", "", true)]          // unanswerable: gold becomes "" and only "" matches
    [InlineData("anything", "", false)]
    public void ExactMatch_Squad_ComparesNormalisedText(string prediction, string alias, bool expected) =>
        new ExactMatchMatcher().IsCorrect(prediction, [alias]).ShouldBe(expected);

    [Fact]
    public void TokenF1_PartialOverlap_IsHandComputed()
    {
        // pred tokens [cat, sat]; gold [cat, sat, on, mat]: P = 1, R = 0.5, F1 = 2/3.
        TokenF1Matcher.MaxF1("The cat sat", ["cat sat on the mat"], AnswerNormalization.Squad).ShouldBe(2.0 / 3, 1e-12);
        // Multiset overlap: pred [b, b, b], gold [b] -> c = 1, P = 1/3, R = 1, F1 = 0.5.
        TokenF1Matcher.F1(["b", "b", "b"], ["b"]).ShouldBe(0.5, 1e-12);
        TokenF1Matcher.F1([], []).ShouldBe(1.0);
        TokenF1Matcher.F1(["x"], []).ShouldBe(0.0);
    }

    [Theory]
    [InlineData(0.6, true)]
    [InlineData(0.7, false)]
    public void TokenF1_Threshold_DecidesCorrectness(double threshold, bool expected) =>
        new TokenF1Matcher(threshold).IsCorrect("cat sat", ["cat sat on mat"]).ShouldBe(expected);

    [Fact]
    public void TokenF1_MaxOverGolds_UsesBestAlias() =>
        TokenF1Matcher.MaxF1("barack obama", ["president", "Barack Obama"], AnswerNormalization.Squad).ShouldBe(1.0);

    [Fact]
    public void MatcherOptions_Invalid_ListsAllErrorsWithKeys()
    {
        var errors = new MatcherOptions { Rule = MatchRule.ExactMatch, F1Threshold = 0, Splitters = ["x", ""] }.Validate();
        errors.Count.ShouldBe(3);
        errors.ShouldContain(e => e.StartsWith("matcher.f1_threshold"));
        errors.ShouldContain(e => e.StartsWith("matcher.splitters[1]"));
        errors.ShouldContain(e => e.StartsWith("matcher.splitters:"));
        Should.Throw<RaitException>(() => new MatcherOptions { Rule = (MatchRule)7 }.CreateMatcher())
            .Message.ShouldContain("matcher.rule");
    }

    [Theory]
    [InlineData(MatchRule.Contains, typeof(AliasContainmentMatcher))]
    [InlineData(MatchRule.ExactMatch, typeof(ExactMatchMatcher))]
    [InlineData(MatchRule.TokenF1, typeof(TokenF1Matcher))]
    public void MatcherOptions_Rule_CreatesMatchingType(MatchRule rule, Type expected) =>
        new MatcherOptions { Rule = rule }.CreateMatcher().ShouldBeOfType(expected);
}
