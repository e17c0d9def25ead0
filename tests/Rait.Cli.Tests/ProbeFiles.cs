using Rait.Core.Io;
using Rait.Core.Records;

namespace Rait.Cli.Tests;

/// <summary>
/// A hand-made probed pool of 12 open questions written as JSONL: even ids are known (μ 0.9, exposure 10),
/// odd ids unknown (μ 0.1, exposure 0); every row has a context holding its answer. Plus the re-probe
/// after rehearsal (unknown μ drops to 0) and unit-norm 2-d gradient features for GRAIT.
/// </summary>
internal static class ProbeFiles
{
    public const int PoolSize = 12;

    public static IReadOnlyList<ProbeRecord> Pool() => Enumerable.Range(0, PoolSize).Select(i =>
    {
        bool known = i % 2 == 0;
        var answer = $"Town{i:D2}";
        return new ProbeRecord
        {
            Id = $"q{i:D2}",
            Kind = QuestionKind.Open,
            Question = $"Where was person {i:D2} born?",
            Answers = [answer],
            Context = $"Person {i:D2} was born in {answer}.",
            Mu = known ? 0.9 : 0.1,
            Sigma = (i + 1) / (double)PoolSize,
            GreedyAnswer = known ? answer : "Nowhere",
            GreedyCorrect = known,
            Samples = [answer, "Nowhere"],
            SampleCorrect = [true, false],
            ModelFingerprint = "model-A",
            PromptFingerprint = "prompt-P",
            Meta = new ItemMetadata { Exposure = known ? 10 : 0, Person = $"p{i:D2}", Attribute = "birth_city" },
        };
    }).ToList();

    public static string WritePool(string dir)
    {
        var path = Path.Combine(dir, "pool.jsonl");
        Jsonl.Write(path, Pool());
        return path;
    }

    public static string WriteRehearsed(string dir)
    {
        var path = Path.Combine(dir, "rehearsed.jsonl");
        Jsonl.Write(path, Pool().Select(r => r with { ModelFingerprint = "model-A+rehearsal", Mu = r.Mu > 0.5 ? 1.0 : 0.0 }));
        return path;
    }

    public static string WriteGradients(string dir)
    {
        var path = Path.Combine(dir, "gradients.jsonl");
        Jsonl.Write(path, Pool().Select((r, i) =>
        {
            double angle = i * 0.2;
            return new GradientFeature { Id = r.Id, AnswerGrad = [1f, 0f], RefusalGrad = [(float)Math.Cos(angle), (float)Math.Sin(angle)] };
        }));
        return path;
    }
}
