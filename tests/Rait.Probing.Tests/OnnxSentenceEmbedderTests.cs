using Rait.Core;
using Rait.Probing.Certainty;
using Rait.Tests;

namespace Rait.Probing.Tests;

public class OnnxSentenceEmbedderTests
{
    // [PAD] [UNK] [CLS] [SEP] paris london york city
    private static readonly string[] Vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]", "paris", "london", "york", "city"];

    private static string MakeModel()
    {
        var dir = RepoPaths.NewTempDir();
        // 3-d embeddings: specials share a small common direction; words point along distinct axes.
        var table = new float[Vocab.Length, 3];
        for (int i = 0; i < 5; i++) table[i, 0] = table[i, 1] = table[i, 2] = 0.01f;
        table[5, 0] = 1; table[6, 1] = 1; table[7, 2] = 1; table[8, 0] = 0.5f; table[8, 1] = 0.5f;
        File.WriteAllBytes(Path.Combine(dir, "model.onnx"), OnnxModelWriter.GatherEmbedding(table));
        File.WriteAllLines(Path.Combine(dir, "vocab.txt"), Vocab);
        return dir;
    }

    [Fact]
    public void Embed_HandBuiltGatherModel_MeanPoolsOverRealTokensAndNormalises()
    {
        using var e = OnnxSentenceEmbedder.Load(MakeModel());
        var v = e.Embed(["Paris", "PARIS city", "London"]);
        v.Count.ShouldBe(3);
        foreach (var x in v) Math.Sqrt(x.Sum(a => a * a)).ShouldBe(1.0, 1e-5);
        // "Paris" = mean([CLS], paris, [SEP]) -> dominated by the x axis.
        v[0][0].ShouldBeGreaterThan(0.99f);
        // "PARIS city" is padded to 4 tokens with "Paris"; padding must not enter the mean.
        double cos01 = v[0].Zip(v[1], (a, b) => (double)a * b).Sum();
        cos01.ShouldBeInRange(0.8, 0.99);
        v[0].Zip(v[2], (a, b) => (double)a * b).Sum().ShouldBeLessThan(0.1);
    }

    [Fact]
    public void EmbeddingConsistency_IdenticalAnswers_One_MixedAnswers_Lower()
    {
        using var e = OnnxSentenceEmbedder.Load(MakeModel());
        OpenCertainty.EmbeddingConsistency(e.Embed(["Paris", "paris", "Paris"])).ShouldBe(1.0, 1e-5);
        var mixed = OpenCertainty.EmbeddingConsistency(e.Embed(["Paris", "London", "York"]));
        mixed.ShouldBeLessThan(0.1);
        mixed.ShouldBeGreaterThanOrEqualTo(0);
    }

    [Fact]
    public void Load_MissingVocab_NamesTheFile()
    {
        var dir = MakeModel();
        File.Delete(Path.Combine(dir, "vocab.txt"));
        Should.Throw<RaitException>(() => OnnxSentenceEmbedder.Load(dir)).Message.ShouldContain("vocab.txt");
    }

    [Fact]
    public void Load_GarbageOnnx_ClearError()
    {
        var dir = MakeModel();
        File.WriteAllText(Path.Combine(dir, "model.onnx"), "not a model");
        Should.Throw<RaitException>(() => OnnxSentenceEmbedder.Load(dir)).Message.ShouldContain("not a loadable ONNX model");
    }
}
