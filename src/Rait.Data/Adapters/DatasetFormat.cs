namespace Rait.Data.Adapters;

/// <summary>Dataset layouts we can read. CLI names are in <see cref="DatasetFormats"/>.</summary>
public enum DatasetFormat
{
    /// <summary>Our own QaItem JSONL (synthetic world exports, earlier conversions).</summary>
    RaitQa,
    /// <summary>Our own McItem JSONL.</summary>
    RaitMc,
    NqOpen,
    /// <summary>HF trivia_qa rc / unfiltered: answer {value, aliases, normalized_aliases}.</summary>
    TriviaQa,
    /// <summary>HF squad_v2: answers {text[], answer_start[]}, empty = unanswerable.</summary>
    SquadV2,
    /// <summary>MMLU CSV: CRaFT's id,lang,question,A,B,C,D,target, or the original headerless question,A,B,C,D,answer.</summary>
    MmluCsv,
    /// <summary>HF cais/mmlu: question, subject, choices[4], answer 0-3.</summary>
    MmluHf,
    /// <summary>AI2 ARC, original JSONL or HF layout.</summary>
    Arc,
    SelfAware,
    /// <summary>User-supplied field mapping.</summary>
    Generic,
}
