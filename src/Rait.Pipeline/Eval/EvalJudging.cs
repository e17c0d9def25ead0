using Rait.Core.Endpoints;
using Rait.Data.Adapters;
using Rait.Evaluation;
using Rait.Evaluation.Judge;

namespace Rait.Pipeline.Eval;

/// <summary>Runs the optional LLM judge over a split's open-ended answers and measures its agreement with the rules.</summary>
/// <remarks>Multiple-choice rows get no verdict: the letter parser is exact there, and the judge prompt is written for free text.</remarks>
public sealed class EvalJudging : IDisposable
{
    private readonly OpenAiClient _client;
    private readonly LlmJudge _judge;

    /// <param name="apiKey">Bearer token resolved by the caller (the CLI reads <see cref="EvalJudgeConfig.ApiKeyEnv"/>).</param>
    /// <exception cref="Rait.Core.RaitException">Invalid endpoint or options.</exception>
    public EvalJudging(EvalJudgeConfig config, string? apiKey)
    {
        _client = new OpenAiClient(config.ClientOptions(apiKey));
        _judge = new LlmJudge(_client, config.Model, new JudgeOptions { MaxTokens = config.MaxTokens });
    }

    /// <summary>The rows with <see cref="EvalAnswer.Judge"/> and <see cref="EvalAnswer.JudgeReply"/> set on open items, and the agreement over them.</summary>
    /// <exception cref="Rait.Core.RaitException">The judge's endpoint failed for good.</exception>
    public (IReadOnlyList<EvalAnswer> Rows, JudgeAgreementResult Agreement) Apply(IReadOnlyList<DataItem> items, IReadOnlyList<EvalAnswer> rows, CancellationToken ct)
    {
        var open = items.Select((item, i) => (item, i)).Where(x => x.item is OpenItem).ToList();
        var judgeItems = open.Select(x =>
        {
            var qa = ((OpenItem)x.item).Item;
            return new JudgeItem(qa.Id, qa.Question, qa.Answers, rows[x.i].Answer);
        }).ToList();
        // The eval stage is synchronous (one model, one thread); the judge's requests still run concurrently inside.
        var verdicts = _judge.JudgeAsync(judgeItems, ct).GetAwaiter().GetResult();
        var judged = rows.ToArray();
        for (int k = 0; k < open.Count; k++)
            judged[open[k].i] = judged[open[k].i] with { Judge = verdicts[k].Label, JudgeReply = verdicts[k].Reply };
        var agreement = JudgeAgreement.Compute(open.Select(x => rows[x.i].Outcome).ToList(), verdicts);
        return (judged, agreement);
    }

    public void Dispose() => _client.Dispose();
}
