using Rait.Core.Records;
using Rait.World.Config;
using Rait.World.Qa;
using Rait.World.Store;

namespace Rait.Methods.Tests;

/// <summary>
/// Probe tables made from a real tiny synthetic world: its train-split QA items (open and MC) and its
/// context items, with made-up probing results that follow ground-truth exposure — μ rises with how
/// often the corpus states the fact (never seen ≈ guessing, ten or more mentions ≈ always right).
/// </summary>
internal static class WorldPool
{
    public const string Model = "world-base";
    public const string Prompt = "world-prompt";

    private static readonly Lazy<WorldArtifacts> Lazy = new(() => WorldBuilder.Build(WorldConfig.ForSize(WorldSize.Tiny, 1)));

    public static WorldArtifacts World => Lazy.Value;

    /// <summary>μ on a 10-sample grid, rising 0.2 per corpus mention: 0 → 0.2 (guessing), 1 → 0.4, 2 → 0.6, 3 → 0.8, 4+ → 1.0.</summary>
    public static double MuFor(int exposure) => Math.Min(1.0, 0.2 + 0.2 * exposure);

    public static IReadOnlyList<ProbeRecord> Open()
    {
        var items = World.Qa.Open[WorldSplits.Train];
        return items.Select((q, i) => Probe(q.Id, QuestionKind.Open, q.Question, q.Answers, q.Context, q.Meta,
            wrong: items[(i + 1) % items.Count].Answers[0], i)).ToList();
    }

    public static IReadOnlyList<ProbeRecord> MultipleChoice() => World.Qa.MultipleChoice[WorldSplits.Train].Select((m, i) =>
    {
        var gold = m.Options.First(o => o.Label == m.Target);
        var wrong = m.Options.First(o => o.Label != m.Target).Label;
        var p = Probe(m.Id, QuestionKind.MultipleChoice, m.Question, [gold.Text], null, m.Meta, wrong, i, correctSample: m.Target);
        return p with { Options = m.Options, Target = m.Target, PGold = p.Mu };
    }).ToList();

    public static IReadOnlyList<ProbeRecord> Contexts() => World.Contexts.Select((c, i) =>
        Probe(c.Id, QuestionKind.Open, c.Question, c.Answers, c.Context, c.Meta, wrong: World.World.People[0].Name, i)).ToList();

    public static ProbeTable Table(IEnumerable<ProbeRecord> rows, string name = "world_pool.jsonl") => new(name, rows.ToList());

    /// <summary>The pool re-probed after rehearsal: never-seen facts lose correctness, seen ones gain (CRaFT's flow).</summary>
    public static ProbeTable Rehearsed(IEnumerable<ProbeRecord> pool) => Table(pool.Select(p => p with
    {
        ModelFingerprint = Model + "+rehearsal",
        Mu = (p.Meta.Exposure ?? 0) == 0 ? Math.Max(0, p.Mu - 0.1) : Math.Min(1, p.Mu + 0.1),
    }), "world_rehearsed.jsonl");

    /// <summary>Deterministic unit-norm 8-d gradient features for every row.</summary>
    public static GradientTable Gradients(IEnumerable<ProbeRecord> pool)
    {
        var rng = new Random(7);
        float[] Unit()
        {
            var v = Enumerable.Range(0, 8).Select(_ => rng.NextDouble() - 0.5).ToArray();
            double n = Math.Sqrt(v.Sum(x => x * x));
            return v.Select(x => (float)(x / n)).ToArray();
        }
        return new GradientTable("world_gradients.jsonl", pool.Select(p => new GradientFeature { Id = p.Id, AnswerGrad = Unit(), RefusalGrad = Unit() }).ToList());
    }

    private static ProbeRecord Probe(string id, QuestionKind kind, string question, IReadOnlyList<string> answers, string? context,
        ItemMetadata meta, string wrong, int index, string? correctSample = null)
    {
        double mu = MuFor(meta.Exposure ?? 0);
        int correct = (int)Math.Round(mu * 10);
        string right = correctSample ?? (answers.Count > 0 ? answers[0] : wrong);
        return new ProbeRecord
        {
            Id = id,
            Kind = kind,
            Question = question,
            Answers = answers,
            Context = context,
            Mu = mu,
            // Certainty grows with distance from 0.5; the index term breaks ties without changing the order of μ groups.
            Sigma = 0.5 + Math.Abs(mu - 0.5) + (index % 7) * 1e-3,
            GreedyAnswer = mu > 0.5 ? right : wrong,
            GreedyCorrect = mu > 0.5,
            Samples = [.. Enumerable.Repeat(right, correct), .. Enumerable.Repeat(wrong, 10 - correct)],
            SampleCorrect = [.. Enumerable.Repeat(true, correct), .. Enumerable.Repeat(false, 10 - correct)],
            ModelFingerprint = Model,
            PromptFingerprint = Prompt,
            Meta = meta,
        };
    }
}
