namespace Rait.Model.Generation;

/// <summary>Per-sequence bookkeeping of a generate call: tokens, log-probs, stop decisions.</summary>
internal sealed class DecodeState
{
    private readonly IReadOnlyList<IReadOnlyList<int>> _prompts;
    private readonly int _samples;
    private readonly List<int>[] _tokens;
    private readonly List<float>[] _logProbs;
    private readonly FinishReason?[] _finish;

    public DecodeState(IReadOnlyList<IReadOnlyList<int>> prompts, int samples)
    {
        _prompts = prompts;
        _samples = samples;
        int count = prompts.Count * samples;
        _tokens = Enumerable.Range(0, count).Select(_ => new List<int>()).ToArray();
        _logProbs = Enumerable.Range(0, count).Select(_ => new List<float>()).ToArray();
        _finish = new FinishReason?[count];
    }

    public int PromptLength(int seq) => _prompts[seq / _samples].Count;

    public bool Finished(int seq) => _finish[seq] is not null;

    public FinishReason? FinishOf(int seq) => _finish[seq];

    public void Append(int seq, int token, float logProb, SamplingOptions o, Func<IReadOnlyList<int>, string>? decode)
    {
        if (_finish[seq] is not null) return;
        _tokens[seq].Add(token);
        _logProbs[seq].Add(logProb);
        if (o.StopTokenIds.Contains(token)) { _finish[seq] = FinishReason.Stop; return; }
        if (o.StopStrings.Count > 0 && decode is not null)
        {
            var text = decode(_tokens[seq]);
            if (o.StopStrings.Any(s => text.Contains(s, StringComparison.Ordinal))) _finish[seq] = FinishReason.Stop;
        }
    }

    public void FinishAll(IEnumerable<int> seqs)
    {
        foreach (var s in seqs) _finish[s] ??= FinishReason.Length;
    }

    public IReadOnlyList<GeneratedSequence> Results() =>
        Enumerable.Range(0, _tokens.Length)
            .Select(s => new GeneratedSequence(s / _samples, s % _samples, _tokens[s], _logProbs[s], _finish[s] ?? FinishReason.Length))
            .ToList();
}
