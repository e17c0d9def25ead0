using Rait.Model;
using Rait.Model.Generation;

namespace Rait.Probing.Backends;

/// <summary>The in-process engine: all questions of a call decode greedily as one cached batch, then their
/// N samples as a second batch, each question's prompt prefilled once and its cache shared by its samples.</summary>
/// <remarks>Each question's samples come from the engine's per-sequence streams seeded by the question's own
/// seed, so batch size, batch mates and resuming never change them.</remarks>
public sealed class EngineBackend : IProbeBackend
{
    private readonly LanguageModel _lm;
    private readonly bool _ownsModel;

    /// <param name="ownsModel">Dispose the model with the backend.</param>
    public EngineBackend(LanguageModel lm, bool ownsModel = false)
    {
        _lm = lm;
        _ownsModel = ownsModel;
    }

    public string ModelFingerprint => _lm.Fingerprint;

    /// <summary>True when prompts go through the model's chat template.</summary>
    public bool UsesChat(OpenSampling s) => s.Chat && _lm.ChatTemplate is not null;

    public Task<IReadOnlyList<OpenGeneration>> GenerateAsync(IReadOnlyList<OpenQuery> queries, OpenSampling s, CancellationToken ct)
    {
        bool chat = UsesChat(s);
        var prompts = queries.Select(q => chat ? _lm.EncodePrompt(q.Messages, chat: true) : _lm.EncodePrompt(q.PlainPrompt, chat: false)).ToList();
        // Plain text has no end-of-turn token; the few-shot layout puts one answer per line.
        var stops = chat ? s.StopStrings : [.. s.StopStrings, "\n"];
        var greedyOptions = new SamplingOptions { Temperature = 0, MaxNewTokens = s.MaxNewTokens, StopStrings = stops };
        var greedy = _lm.Generate(prompts, greedyOptions, ct);
        var samples = s.Samples == 0 ? [] : _lm.Generate(prompts, greedyOptions with
        {
            Temperature = s.Temperature, TopP = s.TopP, NumSamples = s.Samples,
            PromptSeeds = queries.Select(q => unchecked((long)q.Seed)).ToList(),
        }, ct);
        IReadOnlyList<OpenGeneration> result = Enumerable.Range(0, queries.Count).Select(i => new OpenGeneration(
            greedy[i].Text, AnswerLogProbs(greedy[i]),
            samples.Where(c => c.PromptIndex == i).Select(c => c.Text).ToList())).ToList();
        return Task.FromResult(result);
    }

    /// <summary>Log-probs of the tokens that spell the answer: tokens after a stop-string cut are dropped, so
    /// answer confidence covers the answer alone.</summary>
    private IReadOnlyList<float> AnswerLogProbs(TextCompletion c)
    {
        int keep = c.TokenIds.Count;
        if (c.Text.Length < _lm.Tokenizer.Decode(c.TokenIds).Length)
            while (keep > 0 && _lm.Tokenizer.Decode(c.TokenIds.Take(keep - 1)).StartsWith(c.Text, StringComparison.Ordinal)) keep--;
        return c.LogProbs.Take(keep).ToList();
    }

    public Task<IReadOnlyList<double[]>> LetterLogProbsAsync(IReadOnlyList<LetterQuery> queries, CancellationToken ct)
    {
        var results = new double[queries.Count][];
        var prepared = queries.Select(q =>
        {
            var ids = _lm.Tokenizer.Encode(q.Prompt, addSpecialTokens: true);
            return (Ids: ids, Candidates: LetterTokens.Resolve(_lm.Tokenizer, q.Prompt, ids, q.Labels));
        }).ToList();
        // One forward per question; questions with the same candidate tokens share a scorer call.
        foreach (var group in Enumerable.Range(0, queries.Count).GroupBy(i => string.Join(",", prepared[i].Candidates)))
        {
            ct.ThrowIfCancellationRequested();
            var idx = group.ToList();
            var lps = _lm.Scorer.NextTokenLogProbs(idx.Select(i => prepared[i].Ids).ToList(), prepared[idx[0]].Candidates);
            for (int k = 0; k < idx.Count; k++) results[idx[k]] = lps[k].Select(x => (double)x).ToArray();
        }
        return Task.FromResult<IReadOnlyList<double[]>>(results);
    }

    public void Dispose()
    {
        if (_ownsModel) _lm.Dispose();
    }
}
