using Rait.Core;
using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Evaluation.Judge;
using Rait.Pipeline.Eval;
using Rait.Tests;

namespace Rait.Server.Tests.EndToEnd;

/// <summary><c>rait eval</c> with the optional judge section pointed at our own server: verdicts land in answers.jsonl,
/// agreement in metrics.json.</summary>
public sealed class EvalJudgeEndToEndTests(EndToEndServer fx) : IClassFixture<EndToEndServer>
{
    [Fact]
    public void Run_JudgeSection_VerdictsInAnswersAndAgreementInMetrics()
    {
        var dir = RepoPaths.NewTempDir();
        var data = Path.Combine(dir, "open.jsonl");
        Jsonl.Write(data, new[]
        {
            new QaItem { Id = "a", Question = "Once upon a time", Answers = ["there"] },
            new QaItem { Id = "b", Question = "Lily had a red ball.", Answers = ["ball"] },
            new QaItem { Id = "c", Question = "The cat sat on the", Answers = ["mat"] },
        });
        var config = EvalConfig.Load(null, ["max_new_tokens_open=8", "confidence=none", "prompt.style=basic",
            $"judge.endpoint={fx.BaseUrl}", $"judge.model={EndToEndServer.ModelName}", "judge.max_tokens=6"]);
        var request = new EvalRequest
        {
            Model = EvalModelSource.FromFolder(RepoPaths.Fixture("tinystories-656k")),
            Data = [new EvalDataFile(data, "open")],
            OutDir = Path.Combine(dir, "eval"),
            JudgeApiKey = EndToEndServer.Key,
        };

        new EvalRunner(config).Run(request);

        var answers = Jsonl.Read<EvalAnswer>(Path.Combine(request.OutDir, EvalRunner.AnswersFile));
        answers.Count.ShouldBe(3);
        foreach (var a in answers)
        {
            a.JudgeReply.ShouldNotBeNull();
            a.Judge.ShouldBe(JudgeReplyParser.Parse(a.JudgeReply));
        }
        var agreement = EvalMetricsFile.TryRead(request.OutDir).ShouldNotBeNull().Splits.Single().JudgeAgreement.ShouldNotBeNull();
        (agreement.Compared + agreement.Unparsed).ShouldBe(3);
        agreement.Unparsed.ShouldBe(answers.Count(a => a.Judge == JudgeLabel.Unparsed));
        agreement.Confusion.Sum(row => row.Sum()).ShouldBe(agreement.Compared);
    }

    [Fact]
    public void Load_JudgeWithoutModelAndBadEndpoint_NamesBothKeys()
    {
        var e = Should.Throw<RaitException>(() => EvalConfig.Load(null, ["judge.endpoint=not a url"]));
        e.Message.ShouldContain("judge.model");
        e.Message.ShouldContain("judge.endpoint");
    }

    [Fact]
    public void Load_NoJudge_MetricsFingerprintUnchangedByTheHook()
    {
        var plain = EvalConfig.Load(null, []);
        var judged = plain with { Judge = new EvalJudgeConfig { Endpoint = "http://127.0.0.1:1/v1", Model = "m" } };
        EvalFingerprints.Metrics(plain, "x", null).ShouldBe(EvalFingerprints.Hash(
            System.Text.Json.JsonSerializer.Serialize(plain.Evaluation, Rait.Core.Config.ConfigLoader.Options), "x", "no-reference"));
        EvalFingerprints.Metrics(judged, "x", null).ShouldNotBe(EvalFingerprints.Metrics(plain, "x", null));
    }
}
