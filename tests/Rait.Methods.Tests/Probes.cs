using Rait.Core.Records;
using Rait.Methods;

namespace Rait.Methods.Tests;

/// <summary>Hand-made probe rows for the selection tests.</summary>
internal static class Probes
{
    public const string Model = "model-A";
    public const string Prompt = "prompt-P";

    public static ProbeRecord Open(string id, double mu, double sigma = 0.5, string? answer = null, int? exposure = null,
        string model = Model, string prompt = Prompt, string? context = null, bool? greedyCorrect = null,
        IReadOnlyList<string>? samples = null, IReadOnlyList<bool>? sampleCorrect = null) => new()
    {
        Id = id,
        Kind = QuestionKind.Open,
        Question = $"Question {id}?",
        Answers = answer is null ? [$"answer-{id}"] : answer.Length == 0 ? [] : [answer],
        Mu = mu,
        Sigma = sigma,
        Context = context,
        GreedyCorrect = greedyCorrect,
        Samples = samples ?? [],
        SampleCorrect = sampleCorrect ?? [],
        ModelFingerprint = model,
        PromptFingerprint = prompt,
        Meta = new ItemMetadata { Exposure = exposure },
    };

    public static ProbeRecord Mc(string id, double mu, double sigma = -1.0, string target = "B", double? pGold = null,
        string model = Model, string? subject = "college_biology", bool? greedyCorrect = null) => new()
    {
        Id = id,
        Kind = QuestionKind.MultipleChoice,
        Question = $"Which is {id}?",
        Answers = [$"text {target}"],
        Options = [new("A", "alpha"), new("B", "beta"), new("C", "gamma"), new("D", "delta")],
        Target = target,
        Mu = mu,
        Sigma = sigma,
        PGold = pGold,
        GreedyCorrect = greedyCorrect,
        ModelFingerprint = model,
        PromptFingerprint = Prompt,
        Meta = new ItemMetadata { Subject = subject },
    };

    public static ProbeTable Table(params ProbeRecord[] rows) => new("pool.jsonl", rows);

    public static RaitBuildInput Input(params ProbeRecord[] rows) => new() { Pool = Table(rows) };

    /// <summary>Source ids of the rows with the given reason, sorted.</summary>
    public static List<string> Ids(RaitBuildResult r, string reason) =>
        r.Examples.Where(e => e.Reason == reason).Select(e => e.SourceId!).OrderBy(x => x, StringComparer.Ordinal).ToList();
}
