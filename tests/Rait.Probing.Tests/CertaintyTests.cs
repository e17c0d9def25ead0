using Rait.Core.Text;
using Rait.Probing.Certainty;
using Rait.Probing.Output;

namespace Rait.Probing.Tests;

public class CertaintyTests
{
    [Fact]
    public void LexicalConsistency_NormalisedAgreement_CountsPairs()
    {
        // "The Paris." and "paris" normalise to the same answer; 4 answers = 6 pairs, 3 agree (p1-p2, p1-p3, p2-p3).
        OpenCertainty.LexicalConsistency(["The Paris.", "paris", "Paris", "London"]).ShouldBe(0.5);
        OpenCertainty.LexicalConsistency(["a", "b", "c"]).ShouldBe(0);
        OpenCertainty.LexicalConsistency(["x", "x"]).ShouldBe(1);
        OpenCertainty.LexicalConsistency(["only one"]).ShouldBe(1);
    }

    [Fact]
    public void LexicalConsistency_TriviaQaNormalisation_TreatsPunctuationAsSpace()
    {
        OpenCertainty.LexicalConsistency(["U.S.", "us"], AnswerNormalization.Squad).ShouldBe(1);
        OpenCertainty.LexicalConsistency(["U.S.", "us"], AnswerNormalization.TriviaQa).ShouldBe(0);
    }

    [Fact]
    public void AnswerConfidence_IsGeometricMeanProbability()
    {
        OpenCertainty.AnswerConfidence([MathF.Log(0.5f), MathF.Log(0.125f)]).ShouldBe(0.25, 1e-6);
        OpenCertainty.AnswerConfidence([0f, 0f]).ShouldBe(1.0);
        OpenCertainty.AnswerConfidence([]).ShouldBe(0);
    }

    [Fact]
    public void EmbeddingConsistency_MeanOffDiagonalCosine()
    {
        float[] x = [1, 0], y = [0, 1], xy = [1, 1];
        // cos(x,y)=0, cos(x,xy)=cos(y,xy)=1/√2: mean over the 3 pairs (each counted twice / 6).
        OpenCertainty.EmbeddingConsistency([x, y, xy]).ShouldBe(2 / Math.Sqrt(2) / 3, 1e-9);
        OpenCertainty.EmbeddingConsistency([x, [2, 0]]).ShouldBe(1, 1e-12);
        OpenCertainty.EmbeddingConsistency([x, [-1, 0]]).ShouldBe(-1, 1e-12);
        OpenCertainty.EmbeddingConsistency([x, [0, 0]]).ShouldBe(0);
    }

    [Fact]
    public void McScore_FromLogProbs_NormalisedMuRawEntropy()
    {
        double[] p = [0.5, 0.2, 0.1, 0.05];   // 0.15 of the mass is on other tokens
        var s = McScore.FromLogProbs(p.Select(x => Math.Log(x)).ToList(), goldIndex: 1);
        s.PGold.ShouldBe(0.2, 1e-12);
        s.Mu.ShouldBe(0.2 / 0.85, 1e-12);
        s.Sigma.ShouldBe(p.Sum(x => x * Math.Log(x)), 1e-12);   // −H over the raw probabilities (CRaFT §2.3)
        s.LetterProbs.Sum().ShouldBeLessThanOrEqualTo(1);
    }

    [Fact]
    public void McScore_UniformLetters_SigmaIsMinusLogK()
    {
        var s = McScore.FromLogProbs(Enumerable.Repeat(Math.Log(0.25), 4).ToList(), 0);
        s.Sigma.ShouldBe(-Math.Log(4), 1e-12);
        s.Mu.ShouldBe(0.25, 1e-12);
    }

    [Fact]
    public void QuestionSeeds_DependOnSeedAndIdOnly()
    {
        QuestionSeeds.ForQuestion(1, "q1").ShouldBe(QuestionSeeds.ForQuestion(1, "q1"));
        QuestionSeeds.ForQuestion(1, "q1").ShouldNotBe(QuestionSeeds.ForQuestion(2, "q1"));
        QuestionSeeds.ForQuestion(1, "q1").ShouldNotBe(QuestionSeeds.ForQuestion(1, "q2"));
        var q = QuestionSeeds.ForQuestion(0, "x");
        Enumerable.Range(0, 10).Select(i => QuestionSeeds.ForSample(q, i)).Distinct().Count().ShouldBe(10);
    }
}
