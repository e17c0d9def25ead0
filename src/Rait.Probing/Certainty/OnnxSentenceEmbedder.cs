using System.Security.Cryptography;
using Microsoft.ML.OnnxRuntime;
using Microsoft.ML.OnnxRuntime.Tensors;
using Microsoft.ML.Tokenizers;
using Rait.Core;

namespace Rait.Probing.Certainty;

/// <summary>
/// A sentence-embedding model exported to ONNX (e.g. all-MiniLM-L6-v2) with its BERT WordPiece
/// vocabulary: token embeddings are mean-pooled over the attention mask and L2-normalised, as
/// sentence-transformers does for that model.
/// </summary>
/// <remarks>Inputs fed are whichever of input_ids / attention_mask / token_type_ids the graph declares.
/// An output of rank 3 ([B, T, H], token embeddings) is pooled; rank 2 ([B, H]) is taken as is.</remarks>
public sealed class OnnxSentenceEmbedder : ISentenceEmbedder, IDisposable
{
    private readonly InferenceSession _session;
    private readonly BertTokenizer _tokenizer;
    private readonly int _maxTokens;

    private OnnxSentenceEmbedder(InferenceSession session, BertTokenizer tokenizer, string fingerprint, int maxTokens)
    {
        _session = session;
        _tokenizer = tokenizer;
        Fingerprint = fingerprint;
        _maxTokens = maxTokens;
    }

    public string Fingerprint { get; }

    /// <summary>Loads model.onnx (or onnx/model.onnx) and vocab.txt from <paramref name="dir"/>.</summary>
    /// <exception cref="RaitException">A file is missing or the model cannot be loaded.</exception>
    public static OnnxSentenceEmbedder Load(string dir, int maxTokens = 256)
    {
        var model = new[] { Path.Combine(dir, "model.onnx"), Path.Combine(dir, "onnx", "model.onnx") }.FirstOrDefault(File.Exists)
            ?? throw new RaitException($"{dir}: no model.onnx (nor onnx/model.onnx); expected a sentence-embedding model exported to ONNX.");
        var vocab = Path.Combine(dir, "vocab.txt");
        if (!File.Exists(vocab)) throw new RaitException($"{vocab}: file not found; expected the model's BERT WordPiece vocabulary.");
        InferenceSession session;
        try { session = new InferenceSession(model); }
        catch (OnnxRuntimeException e) { throw new RaitException($"{model}: not a loadable ONNX model ({e.Message}).", e); }
        if (!session.InputMetadata.ContainsKey("input_ids"))
        {
            session.Dispose();
            throw new RaitException($"{model}: the graph has no input named input_ids.");
        }
        var hash = SHA256.HashData([.. File.ReadAllBytes(model), .. File.ReadAllBytes(vocab)]);
        return new OnnxSentenceEmbedder(session, BertTokenizer.Create(vocab), Convert.ToHexString(hash)[..16].ToLowerInvariant(), maxTokens);
    }

    public IReadOnlyList<float[]> Embed(IReadOnlyList<string> texts)
    {
        if (texts.Count == 0) return [];
        var ids = texts.Select(t => _tokenizer.EncodeToIds(t).Take(_maxTokens).ToArray()).ToList();
        int b = texts.Count, t = ids.Max(x => x.Length);
        var inputIds = new DenseTensor<long>([b, t]);
        var mask = new DenseTensor<long>([b, t]);
        var types = new DenseTensor<long>([b, t]);
        for (int i = 0; i < b; i++)
            for (int j = 0; j < t; j++)
            {
                inputIds[i, j] = j < ids[i].Length ? ids[i][j] : _tokenizer.PaddingTokenId;
                mask[i, j] = j < ids[i].Length ? 1 : 0;
            }
        var feeds = new List<NamedOnnxValue> { NamedOnnxValue.CreateFromTensor("input_ids", inputIds) };
        if (_session.InputMetadata.ContainsKey("attention_mask")) feeds.Add(NamedOnnxValue.CreateFromTensor("attention_mask", mask));
        if (_session.InputMetadata.ContainsKey("token_type_ids")) feeds.Add(NamedOnnxValue.CreateFromTensor("token_type_ids", types));
        using var outputs = _session.Run(feeds);
        var output = outputs.FirstOrDefault(o => o.Name is "sentence_embedding") ?? outputs.First();
        var y = output.AsTensor<float>();
        return y.Rank switch
        {
            3 => Enumerable.Range(0, b).Select(i => Normalize(MeanPool(y, i, ids[i].Length))).ToList(),
            2 => Enumerable.Range(0, b).Select(i => Normalize(Enumerable.Range(0, y.Dimensions[1]).Select(h => y[i, h]).ToArray())).ToList(),
            _ => throw new RaitException($"embedding model: output {output.Name} has rank {y.Rank}, expected [batch, tokens, hidden] or [batch, hidden]."),
        };
    }

    private static float[] MeanPool(Tensor<float> y, int row, int length)
    {
        int h = y.Dimensions[2];
        var v = new float[h];
        for (int j = 0; j < length; j++)
            for (int d = 0; d < h; d++) v[d] += y[row, j, d];
        for (int d = 0; d < h; d++) v[d] /= Math.Max(1, length);
        return v;
    }

    private static float[] Normalize(float[] v)
    {
        double n = Math.Sqrt(v.Sum(x => (double)x * x));
        return n == 0 ? v : v.Select(x => (float)(x / n)).ToArray();
    }

    public void Dispose() => _session.Dispose();
}
