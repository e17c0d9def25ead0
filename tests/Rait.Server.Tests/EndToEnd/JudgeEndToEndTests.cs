using Rait.Evaluation;
using Rait.Evaluation.Judge;

namespace Rait.Server.Tests.EndToEnd;

/// <summary>The LLM judge against our own server (issue 7 and 8). TinyStories is no judge: its replies are stories, so
/// the point is that the request reaches the model and every reply is classified by the strict parser.</summary>
public sealed class JudgeEndToEndTests(EndToEndServer fx) : IClassFixture<EndToEndServer>
{
    private static readonly JudgeItem[] Items =
    [
        new("j1", "What did Lily find in the park?", ["a ball"], "She found a ball."),
        new("j2", "Who was the king's dog?", ["Max"], "I don't know."),
        new("j3", "What colour was the sky?", [], "Green."),
    ];

    [Fact]
    public async Task JudgeAsync_OurServer_RepliesAreTheModelsGreedyTextAndEachIsClassified()
    {
        var options = new JudgeOptions { MaxTokens = 6 };
        // Given: the engine's greedy text for each judge prompt, taken while the server is idle.
        var expected = Items.Select(i => fx.GreedyReference(JudgePrompt.Messages(i), options.MaxTokens)).ToList();
        using var client = fx.Client();

        // When
        var verdicts = await new LlmJudge(client, EndToEndServer.ModelName, options).JudgeAsync(Items);

        // Then
        verdicts.Select(v => v.Id).ShouldBe(["j1", "j2", "j3"]);
        verdicts.Select(v => v.Reply).ShouldBe(expected);
        foreach (var v in verdicts) v.Label.ShouldBe(JudgeReplyParser.Parse(v.Reply));
        client.Attempts.ShouldBe(Items.Length);
        var agreement = JudgeAgreement.Compute([Outcome.Correct, Outcome.Refused, Outcome.Wrong], verdicts);
        (agreement.Compared + agreement.Unparsed).ShouldBe(Items.Length);
        agreement.Unparsed.ShouldBe(verdicts.Count(v => v.Label == JudgeLabel.Unparsed));
    }
}
