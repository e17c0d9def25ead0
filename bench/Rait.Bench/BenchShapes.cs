using Rait.Model.Llama;

namespace Rait.Bench;

/// <summary>Model shapes shared by the suites.</summary>
internal static class BenchShapes
{
    /// <summary>A ~100M-parameter Llama with grouped-query attention (12 query heads over 4 key/value heads).</summary>
    public static LlamaConfig Llama100M { get; } = new LlamaConfig
    {
        HiddenSize = 768, IntermediateSize = 2048, NumLayers = 12, NumHeads = 12, NumKvHeads = 4, VocabSize = 32000,
        MaxPositions = 512, TieWordEmbeddings = true,
    }.Normalized();
}
