using Rait.Model.Llama;
using Rait.World.Config;

namespace Rait.Pipeline.World;

/// <summary>The Llama shape pretrained for each world size (a few hundred thousand to about a million parameters).</summary>
public static class WorldModelShape
{
    public static LlamaConfig For(WorldSize size, int vocabSize, int sequenceLength, int eosId) => size switch
    {
        WorldSize.Tiny => Build(96, 2, 4, 256, vocabSize, sequenceLength, eosId),
        WorldSize.Small => Build(128, 3, 4, 352, vocabSize, sequenceLength, eosId),
        _ => Build(160, 4, 4, 432, vocabSize, sequenceLength, eosId),
    };

    private static LlamaConfig Build(int d, int layers, int heads, int ffn, int vocab, int seq, int eos) => new LlamaConfig
    {
        Family = ModelFamily.Llama, HiddenSize = d, NumLayers = layers, NumHeads = heads, NumKvHeads = heads / 2,
        IntermediateSize = ffn, VocabSize = vocab, MaxPositions = Math.Max(256, seq * 2), RmsNormEps = 1e-5,
        RopeTheta = 10000, TieWordEmbeddings = true, EosTokenIds = [eos],
    }.Normalized();
}
