using Rait.Data.Adapters;
using Rait.Methods.RTuning;
using Rait.Model;
using Rait.Model.Generation;

namespace Rait.Pipeline.Eval;

/// <summary>Greedy, batched answers for evaluation items, with answer confidence and optionally R-Tuning's P(sure).</summary>
/// <remarks>
/// Open and multiple-choice items are batched separately because their token budgets differ. Answer confidence
/// is R-Tuning's geometric mean of the greedy tokens' probabilities (rtuning-and-peers.md §5), also for multiple
/// choice (R-Tuning uses the letter softmax there; the generated letter's probability is its first factor).
/// P(sure) compares the sequence likelihoods of " sure." and " unsure." after the certainty question, the
/// tokenizer-agnostic variant the spec recommends.
/// </remarks>
public sealed class AnswerGenerator(LanguageModel model, EvalConfig config)
{
    /// <summary>Answers every item; <paramref name="advanced"/> receives the count finished after each batch.</summary>
    /// <param name="userTurns">The prompt text of each item, in item order.</param>
    public IReadOnlyList<GeneratedAnswer> Answer(IReadOnlyList<DataItem> items, IReadOnlyList<string> userTurns,
        Action<int>? advanced = null, CancellationToken ct = default)
    {
        var answers = new GeneratedAnswer[items.Count];
        var groups = Enumerable.Range(0, items.Count).GroupBy(i => EvalItems.IsChoice(items[i]));
        foreach (var group in groups)
        {
            int budget = group.Key ? config.MaxNewTokensMc : config.MaxNewTokensOpen;
            foreach (var batch in group.Chunk(config.BatchSize))
            {
                ct.ThrowIfCancellationRequested();
                var turns = batch.Select(i => userTurns[i]).ToList();
                var texts = Generate(turns, budget, ct);
                var sure = NeedsSure ? PSure(turns, texts.Select(t => t.Text).ToList()) : null;
                for (int k = 0; k < batch.Length; k++)
                    answers[batch[k]] = new GeneratedAnswer(texts[k].Text, texts[k].Confidence, sure?[k]);
                advanced?.Invoke(batch.Length);
            }
        }
        return answers;
    }

    private bool NeedsSure => config.Confidence is ConfidenceScore.Sure or ConfidenceScore.Combined;

    private List<(string Text, double Confidence)> Generate(IReadOnlyList<string> turns, int budget, CancellationToken ct)
    {
        var prompts = turns.Select(t => model.EncodePrompt(t, config.Prompt.System, config.Chat)).ToList();
        var options = new SamplingOptions { Temperature = 0, MaxNewTokens = budget, StopStrings = config.StopStrings };
        var outs = model.Generate(prompts, options, ct);
        var byPrompt = new (string, double)[turns.Count];
        foreach (var o in outs)
            byPrompt[o.PromptIndex] = (o.Text, o.LogProbs.Count == 0 ? 0 : Math.Exp(o.LogProbs.Average(x => (double)x)));
        return byPrompt.ToList();
    }

    private double[] PSure(IReadOnlyList<string> turns, IReadOnlyList<string> answers)
    {
        var pairs = new List<(IReadOnlyList<int>, IReadOnlyList<int>)>(turns.Count * 2);
        for (int i = 0; i < turns.Count; i++)
        {
            var probe = RTuningTexts.SureProbeFor(turns[i], answers[i]);
            var prompt = model.EncodePrompt(probe.Prompt, config.Prompt.System, config.Chat)
                .Concat(model.Tokenizer.Encode(probe.AssistantPrefix, addSpecialTokens: false)).ToList();
            pairs.Add((prompt, model.Tokenizer.Encode(probe.SureContinuation, addSpecialTokens: false)));
            pairs.Add((prompt, model.Tokenizer.Encode(probe.UnsureContinuation, addSpecialTokens: false)));
        }
        var scores = model.Scorer.Score(pairs);
        // p(sure) / (p(sure) + p(unsure)) = sigmoid(log p(sure) − log p(unsure)), stable for very small likelihoods.
        return Enumerable.Range(0, turns.Count).Select(i => 1 / (1 + Math.Exp(scores[2 * i + 1].Sum - scores[2 * i].Sum))).ToArray();
    }
}
