using Rait.Core;
using Rait.Core.Records;
using Rait.Data;
using Rait.Data.Adapters;
using Rait.Methods.Common;
using Rait.Methods.Options;

namespace Rait.Pipeline.Eval;

/// <summary>Reads an evaluation file and turns its items into prompts with the shared method templates.</summary>
public static class EvalItems
{
    /// <summary>Reads every item of <paramref name="path"/> (any layout Rait.Data detects) and checks each can be scored.</summary>
    /// <exception cref="RaitException">Unreadable file, a bad row, or an open item without gold answers that is not marked unanswerable.</exception>
    public static IReadOnlyList<DataItem> Load(string path)
    {
        var items = DatasetLoader.Load(path, new DatasetLoadOptions()).Items;
        foreach (var item in items)
            if (item is OpenItem { Item: var q } && q.Answers.Count == 0 && q.Meta.Answerable != false)
                throw new RaitException($"{path}: item {q.Id}: field answers is empty; an eval file needs gold answers (or meta.answerable = false for an unanswerable question).");
        return items;
    }

    /// <summary>The user turn of <paramref name="item"/> under <paramref name="prompt"/> (CRaFT BASIC/REFUSE, R-Tuning or custom).</summary>
    public static string UserTurn(DataItem item, PromptOptions prompt) => Prompts.UserTurn(AsProbeShape(item), prompt);

    /// <summary>The question text as shown in answers.jsonl.</summary>
    public static string Question(DataItem item) => item switch
    {
        OpenItem o => o.Item.Question,
        ChoiceItem c => c.Item.Question,
        _ => throw new ArgumentOutOfRangeException(nameof(item), item.GetType().Name, null),
    };

    /// <summary>Whether the item is multiple choice (its answer budget and parser differ).</summary>
    public static bool IsChoice(DataItem item) => item is ChoiceItem;

    // The prompt templates live in Rait.Methods and read probe rows; an item takes that shape with neutral probe fields
    // (μ, σ and fingerprints are never read by the templates), so the strings exist in one place only.
    private static ProbeRecord AsProbeShape(DataItem item) => item switch
    {
        OpenItem { Item: var q } => new ProbeRecord
        {
            Id = q.Id, Kind = QuestionKind.Open, Question = q.Question, Answers = q.Answers, Context = q.Context,
            Mu = 0, Sigma = 0, ModelFingerprint = "", PromptFingerprint = "", Meta = q.Meta,
        },
        ChoiceItem { Item: var m } => new ProbeRecord
        {
            Id = m.Id, Kind = QuestionKind.MultipleChoice, Question = m.Question, Answers = [], Options = m.Options, Target = m.Target,
            Mu = 0, Sigma = 0, ModelFingerprint = "", PromptFingerprint = "", Meta = m.Meta,
        },
        _ => throw new ArgumentOutOfRangeException(nameof(item), item.GetType().Name, null),
    };
}
