using Rait.Core.Records;
using Rait.Core.Text;
using Rait.Evaluation;

namespace Rait.Evaluation.Tests;

public class ResponseClassifierTests
{
    private static readonly ResponseClassifier Classifier = new(new RefusalDetector(), new AliasContainmentMatcher());

    [Theory]
    [InlineData("Paris, of course.", Outcome.Correct)]
    [InlineData("Lyon", Outcome.Wrong)]
    [InlineData("I don't know, maybe Paris", Outcome.Refused)]   // refusal check comes first
    public void ClassifyOpen_Response_ReturnsOutcome(string response, Outcome expected) =>
        Classifier.ClassifyOpen(response, ["Paris"]).ShouldBe(expected);

    [Fact]
    public void ClassifyOpen_Unanswerable_IsWrongUnlessRefused()
    {
        Classifier.ClassifyOpen("Paris", []).ShouldBe(Outcome.Wrong);
        Classifier.ClassifyOpen("I don't know.", []).ShouldBe(Outcome.Refused);
    }

    [Theory]
    [InlineData("The answer is B.", Outcome.Correct)]
    [InlineData("C", Outcome.Wrong)]
    [InlineData("I don't know. B", Outcome.Refused)]
    [InlineData("none of them", Outcome.FailParse)]
    public void ClassifyChoice_Response_ReturnsOutcome(string response, Outcome expected) =>
        Classifier.ClassifyChoice(response, "ABCD", "B").ShouldBe(expected);

    [Fact]
    public void ClassifyChoice_FiveOptionItem_AcceptsE()
    {
        var item = new McItem
        {
            Id = "arc1", Question = "q", Target = "E",
            Options = [new("A", "a"), new("B", "b"), new("C", "c"), new("D", "d"), new("E", "e")],
        };
        Classifier.ClassifyChoice("The answer is E", item).ShouldBe(Outcome.Correct);
    }

    [Fact]
    public void ClassifyChoice_TargetNotAnOption_Throws() =>
        Should.Throw<Rait.Core.RaitException>(() => Classifier.ClassifyChoice("A", "ABCD", "E")).Message.ShouldContain("\"E\"");
}
