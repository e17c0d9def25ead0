using Rait.Core;
using Rait.Core.Random;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Generation;

/// <summary>
/// Generates NumSamples continuations for a set of prompts on a <see cref="ContinuousBatch"/>: every prompt is prefilled
/// once and its cache shared by its samples, and finished rows leave the batch as they stop so short answers do not pay
/// for long ones.
/// </summary>
public sealed class BatchGenerator(LlamaForCausalLM model, bool rowDecoder = true)
{
    /// <summary>Generates NumSamples continuations for every prompt.</summary>
    /// <param name="decode">Turns generated ids into text; needed only when stop strings are given.</param>
    /// <param name="onToken">Called after every decode step for each sequence that produced a token, in sequence order;
    /// it sees exactly the ids of the returned <see cref="GeneratedSequence.TokenIds"/>.</param>
    /// <returns>Sequences ordered by prompt, then sample.</returns>
    /// <exception cref="RaitException">Empty prompt, prompt over the context length, invalid options.</exception>
    public IReadOnlyList<GeneratedSequence> Generate(IReadOnlyList<IReadOnlyList<int>> prompts, SamplingOptions o,
        Func<IReadOnlyList<int>, string>? decode = null, CancellationToken ct = default, TokenCallback? onToken = null)
    {
        var errors = o.Validate();
        if (errors.Count > 0) throw new RaitException("sampling options: " + string.Join("; ", errors));
        if (prompts.Count == 0) throw new RaitException("generate: no prompts given.");
        if (o.PromptSeeds is { } seeds && seeds.Count != prompts.Count)
            throw new RaitException($"prompt_seeds: expected one seed per prompt ({prompts.Count}), got {seeds.Count}.");
        if (o.StopStrings.Count > 0 && decode is null) throw new ArgumentException("stop strings need a decode function", nameof(decode));
        int n = o.NumSamples;
        using var batch = new ContinuousBatch(model, decode, rowDecoder: rowDecoder);
        var sequenceOf = new Dictionary<BatchRow, int>(ReferenceEqualityComparer.Instance);
        var rows = new BatchRow[prompts.Count * n];
        // One stream per sequence: each active row takes exactly one uniform per step from its own stream,
        // so batch mates, batch size and pruning never shift a sequence's draws.
        var joins = prompts.Select((prompt, p) =>
        {
            long seed = o.Greedy ? 0 : o.PromptSeed(p);
            var streams = Enumerable.Range(0, n).Select(j => o.Greedy ? (SplitMix64?)null : SamplingOptions.SampleStream(seed, j)).ToList();
            return new JoinRequest(prompt, o, streams, Name: $"prompt {p}");
        }).ToList();
        var joined = batch.Join(joins);
        for (int p = 0; p < prompts.Count; p++)
            for (int j = 0; j < n; j++)
            {
                rows[p * n + j] = joined[p][j];
                sequenceOf[joined[p][j]] = p * n + j;
            }
        while (batch.Count > 0)
        {
            ct.ThrowIfCancellationRequested();
            var step = batch.Step();
            if (onToken is null) continue;
            foreach (var t in step.OrderBy(t => sequenceOf[t.Row])) onToken(sequenceOf[t.Row], t.TokenId, t.Finish);
        }
        return rows.Select((r, s) => r.ToSequence(s / n, s % n)).ToList();
    }
}
