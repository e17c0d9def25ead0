using Rait.Evaluation.Judge;

namespace Rait.Evaluation.Tests.Judge;

public sealed class JudgePromptTests
{
    [Fact]
    public void Messages_AnswerableItem_SystemRulesThenQuestionGoldAndAnswer()
    {
        var m = JudgePrompt.Messages(new JudgeItem("q1", "Capital of France?", ["Paris", "Paris, France"], "It is Paris."));
        m.Select(x => x.Role).ShouldBe(["system", "user"]);
        m[0].Content.ShouldBe(JudgePrompt.Rules);
        m[1].Content.ShouldBe("Question: Capital of France?\nGold answers: Paris | Paris, France\nModel answer: It is Paris.\nVerdict (CORRECT, WRONG or REFUSED):");
    }

    [Fact]
    public void Messages_UnanswerableItem_SaysNoGold()
    {
        var m = JudgePrompt.Messages(new JudgeItem("q2", "What is the colour of the number seven?", [], "Blue."));
        m[1].Content.ShouldContain("Gold answers: " + JudgePrompt.NoGold + "\n");
    }

    [Fact]
    public void Rules_NameAllThreeWords()
    {
        foreach (var word in new[] { "CORRECT", "WRONG", "REFUSED" }) JudgePrompt.Rules.ShouldContain(word + " - ");
    }
}
