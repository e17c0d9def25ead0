using Rait.Core.Text;

namespace Rait.Probing.Certainty;

/// <summary>Certainty σ of an open-ended question from its samples or its greedy answer.</summary>
public static class OpenCertainty
{
    /// <summary>Mean pairwise agreement of the normalised answers over all pairs i &lt; j, in [0, 1];
    /// 1 when there are fewer than two answers.</summary>
    public static double LexicalConsistency(IReadOnlyList<string> answers, AnswerNormalization normalization = AnswerNormalization.Squad)
    {
        if (answers.Count < 2) return 1.0;
        var norm = answers.Select(a => AnswerNormalizer.Normalize(a, normalization)).ToArray();
        int agree = 0, pairs = 0;
        for (int i = 0; i < norm.Length; i++)
            for (int j = i + 1; j < norm.Length; j++, pairs++)
                if (norm[i] == norm[j]) agree++;
        return (double)agree / pairs;
    }

    /// <summary>R-Tuning's answer confidence: the geometric mean of the greedy tokens' probabilities,
    /// exp(mean log p), in [0, 1]; 0 for an empty answer (nothing was asserted).</summary>
    public static double AnswerConfidence(IReadOnlyList<float> tokenLogProbs) =>
        tokenLogProbs.Count == 0 ? 0.0 : Math.Exp(tokenLogProbs.Average(x => (double)x));

    /// <summary>CRaFT's σ: (1 / (N(N−1))) Σ_{j≠k} cos(e_j, e_k); 1 when there are fewer than two vectors.
    /// A zero vector has cosine 0 with everything.</summary>
    public static double EmbeddingConsistency(IReadOnlyList<float[]> embeddings)
    {
        int n = embeddings.Count;
        if (n < 2) return 1.0;
        var norms = embeddings.Select(e => Math.Sqrt(e.Sum(x => (double)x * x))).ToArray();
        double sum = 0;
        for (int j = 0; j < n; j++)
            for (int k = j + 1; k < n; k++)
            {
                if (norms[j] == 0 || norms[k] == 0) continue;
                double dot = 0;
                for (int d = 0; d < embeddings[j].Length; d++) dot += (double)embeddings[j][d] * embeddings[k][d];
                sum += 2 * dot / (norms[j] * norms[k]);   // cos(j,k) and cos(k,j)
            }
        return sum / (n * (n - 1));
    }
}
