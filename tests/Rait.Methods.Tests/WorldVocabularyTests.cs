using Rait.Core.Records;
using Rait.Methods.Craft;
using Rait.Methods.Options;
using Rait.Methods.RTuning;
using Rait.World.Tokenization;

namespace Rait.Methods.Tests;

/// <summary>
/// Every prompt and target a method writes for the synthetic world must be representable by the
/// world's word-level tokenizer: an out-of-vocabulary word would become &lt;unk&gt; and the world model
/// could never learn to say (or read) it. Built from a real tiny world with every prompt style and
/// every R-Tuning text variant.
/// </summary>
public class WorldVocabularyTests
{
    private static IReadOnlyList<ProbeRecord> Mixed() => [.. WorldPool.Open(), .. WorldPool.MultipleChoice()];

    public static TheoryData<string, MethodOptions> ClosedBook()
    {
        var data = new TheoryData<string, MethodOptions>();
        foreach (var style in new[] { PromptStyle.Basic, PromptStyle.Refuse, PromptStyle.RTuning })
        {
            var prompt = new PromptOptions { Style = style };
            data.Add($"van/{style}", new VanOptions { Prompt = prompt, Total = 50 });
            data.Add($"cor/{style}", new CorOptions { Prompt = prompt with { McTarget = McTargetStyle.LetterAndText }, OnShortfall = ShortfallPolicy.TakeAvailable });
            data.Add($"craft/{style}", new CraftOptions { Prompt = prompt, OnShortfall = ShortfallPolicy.TakeAvailable });
            data.Add($"grait/{style}", new GraitOptions { Prompt = prompt with { McTarget = McTargetStyle.LetterNewline }, OnShortfall = ShortfallPolicy.TakeAvailable });
        }
        foreach (var mode in Enum.GetValues<RTuningMode>())
            foreach (var set in Enum.GetValues<RTuningRefusalSet>())
                data.Add($"rtuning/{mode}/{set}", new RTuningOptions { Mode = mode, RefusalSet = set });
        return data;
    }

    [Theory]
    [MemberData(nameof(ClosedBook))]
    public void Build_TinyWorldPool_EveryPromptAndAnswerInWorldVocabulary(string name, MethodOptions options)
    {
        var pool = Mixed();
        var input = new RaitBuildInput
        {
            Pool = WorldPool.Table(pool),
            Rehearsed = options is CraftOptions ? WorldPool.Rehearsed(pool) : null,
            Gradients = options is GraitOptions ? WorldPool.Gradients(pool) : null,
        };
        var result = MethodFactory.Create(options).Build(input);

        result.Examples.Count.ShouldBeGreaterThan(0, name);
        result.Examples.Where(e => e.Meta.Exposure is not null).Count().ShouldBe(result.Examples.Count);
        AssertInVocabulary(name, result.Examples.SelectMany(e => new[] { e.Prompt, e.Answer }));
    }

    [Fact]
    public void Build_TinyWorldContexts_EveryPromptAndAnswerInWorldVocabulary()
    {
        var options = new ContextRefusalOptions { Total = 60, OnShortfall = ShortfallPolicy.TakeAvailable };
        var result = MethodFactory.Create(options).Build(new RaitBuildInput { Pool = WorldPool.Table(WorldPool.Contexts()) });

        result.Summary.ByReason.Keys.ShouldContain("answerable:keep");
        result.Summary.ByReason.Keys.ShouldContain("unanswerable:refuse");
        AssertInVocabulary("context", result.Examples.SelectMany(e => new[] { e.Prompt, e.Answer }));
    }

    [Fact]
    public void Rehearsal_TinyWorldPool_EveryPromptAndAnswerInWorldVocabulary()
    {
        var rows = CraftRehearsalSelector.Select(WorldPool.Table(Mixed()),
            new RehearsalOptions { Size = 20, OnShortfall = ShortfallPolicy.TakeAvailable });

        rows.Count.ShouldBeGreaterThan(0);
        AssertInVocabulary("rehearsal", rows.SelectMany(e => new[] { e.Prompt, e.Answer }));
    }

    [Fact]
    public void SureProbe_TinyWorldQuestion_ScoringTextsInWorldVocabulary()
    {
        var q = WorldPool.Open()[0];
        var probe = RTuningTexts.SureProbeFor($"Question: {q.Question} Answer:", q.Answers[0]);

        AssertInVocabulary("sure-probe", [probe.Prompt, probe.AssistantPrefix, probe.SureContinuation, probe.UnsureContinuation]);
    }

    [Fact]
    public void Missing_WordOutsideWorld_IsReported()
    {
        // The check itself must be able to fail: a word no world text contains is reported.
        WorldTokenizerText.Missing("I don't know zyzzyva", WorldPool.World.Vocabulary.Set).ShouldBe(["▁zyzzyva"]);
    }

    private static void AssertInVocabulary(string name, IEnumerable<string> texts)
    {
        var vocabulary = WorldPool.World.Vocabulary.Set;
        var missing = texts.Distinct(StringComparer.Ordinal)
            .SelectMany(t => WorldTokenizerText.Missing(t, vocabulary).Select(m => (m, t)))
            .GroupBy(x => x.m).Select(g => $"{g.Key} (in \"{g.First().t}\")").ToList();
        missing.ShouldBeEmpty($"{name}: words outside the world vocabulary");
    }
}
