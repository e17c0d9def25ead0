using Rait.Core.Io;
using Rait.Core.Records;
using Rait.Model;
using Rait.Pipeline.Eval;
using Rait.Server;
using Rait.Server.Engine;
using Rait.Tests;

namespace Rait.Cli.Tests;

/// <summary>`rait eval --endpoint URL --endpoint-model NAME` answers through a served model, the same greedy answers as in process.</summary>
public sealed class EvalEndpointCommandTests
{
    [Fact]
    public async Task Eval_Endpoint_AnswersMatchTheInProcessModel()
    {
        // Given the tiny model served by rait serve and an eval set
        var dir = RepoPaths.NewTempDir();
        var data = Path.Combine(dir, "open.jsonl");
        Jsonl.Write(data, new[]
        {
            new QaItem { Id = "a", Question = "Once upon a time", Answers = ["there"] },
            new QaItem { Id = "b", Question = "The cat sat on the", Answers = ["mat"] },
        });
        var model = RepoPaths.Fixture("tinystories-656k");
        using var lm = LanguageModel.Load(model);
        using var backend = new ModelBackend(lm, "tiny");
        await using var server = RaitServer.Create(new ServeOptions { Host = "127.0.0.1", Port = 0 }, backend);
        await server.StartAsync();

        // When the same set is evaluated through the endpoint and in process
        var remote = CliHarness.Run("eval", "--endpoint", server.Address + "/v1", "--endpoint-model", "tiny", "--data", data, "--prompt", "basic",
            "--out", Path.Combine(dir, "remote"), "--set", "max_new_tokens_open=6");
        await server.StopAsync();
        var local = CliHarness.Run("eval", "--model", model, "--data", data, "--prompt", "basic", "--out", Path.Combine(dir, "local"), "--set", "max_new_tokens_open=6");

        // Then both succeed with the same answers, and the remote run is keyed on the endpoint
        remote.ExitCode.ShouldBe(0, remote.Stderr);
        local.ExitCode.ShouldBe(0, local.Stderr);
        var r = Jsonl.Read<EvalAnswer>(Path.Combine(dir, "remote", EvalRunner.AnswersFile));
        var l = Jsonl.Read<EvalAnswer>(Path.Combine(dir, "local", EvalRunner.AnswersFile));
        r.Select(x => x.Answer).ShouldBe(l.Select(x => x.Answer));
        r.ShouldAllBe(x => x.Answer.Length > 0);
        EvalMetricsFile.TryRead(Path.Combine(dir, "remote"))!.ModelFingerprint.ShouldStartWith("endpoint-");
    }

    [Fact]
    public void Eval_EndpointWithModel_IsRefused()
    {
        var run = CliHarness.Run("eval", "--endpoint", "http://127.0.0.1:9/v1", "--endpoint-model", "tiny", "--model", "x", "--data", "d.jsonl", "--prompt", "basic", "--out", "o");

        run.ExitCode.ShouldNotBe(0);
        run.Stderr.ShouldContain("drop --model");
    }
}
