using Rait.Model.Generation;
using Rait.Model.Llama;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Llama;

/// <summary>Grouped-query attention under a mask (padding, cache) stacks the query heads of a key/value head
/// instead of copying keys and values; it must give what the plain definition gives.</summary>
public sealed class GroupedAttentionTests
{
    [Theory]
    [InlineData(ModelFamily.Mistral)] // 8 query heads over 2 key/value heads
    [InlineData(ModelFamily.Qwen3)]   // 4 over 2, head_dim 12, q/k norm
    public void MaskedForward_EqualsCausalForward(ModelFamily family)
    {
        // Given a random GQA model and a batch without padding
        using var model = ModelFactory.Random(ModelFactory.Tiny(family), seed: 3);
        using var scope = NewDisposeScope();
        using var noGrad = no_grad();
        var ids = tensor(new long[] { 3, 17, 42, 5, 60, 0, 11, 9, 4, 33, 21, 8, 50, 2 }).view(2, 7);

        // When it runs once with an explicit all-valid causal mask and once on the plain causal path
        var masked = model.call(new ForwardInput(ids, Mask: AttentionMasks.Prefill(ones(2, 7, ScalarType.Bool))));
        var causal = model.call(new ForwardInput(ids));

        // Then the logits agree
        (masked - causal).abs().max().item<float>().ShouldBeLessThan(1e-5f);
    }

    [Theory]
    [InlineData(ModelFamily.Mistral)]
    [InlineData(ModelFamily.Qwen3)]
    public void CachedDecoding_LeftPaddedBatch_LogProbsMatchReference(ModelFamily family)
    {
        // Given a random GQA model and two prompts of different lengths (the shorter one left-padded)
        using var model = ModelFactory.Random(ModelFactory.Tiny(family), seed: 5);
        var reference = new ReferenceLlama(model.Config, ModelFactory.Weights(model));
        int[][] prompts = [[3, 17, 42, 5, 60], [11, 9]];

        // When both are decoded greedily together with the KV cache
        var outs = new BatchGenerator(model).Generate(prompts, new SamplingOptions { Temperature = 0, MaxNewTokens = 12, StopTokenIds = [-1] });

        // Then every generated token's log-prob equals the reference's on the full sequence
        for (int i = 0; i < prompts.Length; i++)
        {
            var seq = outs[i];
            var logits = reference.Forward([.. prompts[i], .. seq.TokenIds.Take(seq.TokenIds.Count - 1)]);
            for (int j = 0; j < seq.TokenIds.Count; j++)
            {
                var row = logits[prompts[i].Length - 1 + j];
                double max = row.Max(), logZ = max + Math.Log(row.Sum(x => Math.Exp(x - max)));
                ((double)seq.LogProbs[j]).ShouldBe(row[seq.TokenIds[j]] - logZ, 1e-4, $"prompt {i}, token {j}");
            }
        }
    }
}
