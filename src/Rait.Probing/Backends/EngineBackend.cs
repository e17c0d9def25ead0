using Rait.Model;

namespace Rait.Probing.Backends;

/// <summary>The in-process engine: all questions of a call × (greedy + N samples) decode as one batch,
/// each question's prompt prefilled once and its cache shared by its rows.</summary>
public sealed class EngineBackend : IProbeBackend
{
    private readonly LanguageModel _lm;
    private readonly bool _ownsModel;
    private readonly SeededBatchSampler _sampler;

    /// <param name="ownsModel">Dispose the model with the backend.</param>
    public EngineBackend(LanguageModel lm, bool ownsModel = false)
    {
        _lm = lm;
        _ownsModel = ownsModel;
        _sampler = new SeededBatchSampler(lm.Model, lm.Tokenizer, lm.PadId);
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
        var rows = new List<SampleRow>();
        for (int i = 0; i < queries.Count; i++)
        {
            rows.Add(new SampleRow(i, Greedy: true, 0));
            for (int j = 0; j < s.Samples; j++) rows.Add(new SampleRow(i, Greedy: false, QuestionSeeds.ForSample(queries[i].Seed, j)));
        }
        var outs = _sampler.Run(prompts, rows, s, _lm.StopTokenIds, stops, ct);
        int per = s.Samples + 1;
        IReadOnlyList<OpenGeneration> result = Enumerable.Range(0, queries.Count).Select(i =>
        {
            var greedy = outs[i * per];
            return new OpenGeneration(greedy.Text, greedy.LogProbs, outs.Skip(i * per + 1).Take(s.Samples).Select(o => o.Text).ToList());
        }).ToList();
        return Task.FromResult(result);
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
