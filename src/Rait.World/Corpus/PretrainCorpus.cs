using Rait.Core.Random;
using Rait.World.Config;
using Rait.World.Generation;
using Rait.World.Tokenization;

namespace Rait.World.Corpus;

/// <summary>
/// What the trainer consumes to pretrain the world model: documents plus the plan. For epoch e, take
/// <see cref="EpochOrder"/>(e), concatenate the documents in that order, each followed by
/// <see cref="Separator"/>, tokenize with the world tokenizer and cut into
/// <see cref="PretrainPlan.SequenceLength"/>-token sequences (loss on every token).
/// </summary>
public sealed class PretrainCorpus
{
    /// <summary>End-of-document token appended after every document.</summary>
    public const string Separator = WorldChatFormat.EndOfText;

    private readonly ulong _seed;

    public PretrainCorpus(IReadOnlyList<CorpusDocument> documents, PretrainPlan plan, ulong seed)
    {
        Documents = documents;
        Plan = plan;
        _seed = seed;
    }

    /// <summary>Documents in canonical (file) order.</summary>
    public IReadOnlyList<CorpusDocument> Documents { get; }

    public PretrainPlan Plan { get; }

    /// <summary>Document indices for one epoch: a deterministic permutation per (seed, epoch).</summary>
    public int[] EpochOrder(int epoch) => WorldRandom.For(_seed, $"epoch/{epoch}").Permutation(Documents.Count);

    /// <summary>The text of one epoch, documents in <see cref="EpochOrder"/>, each followed by the separator.</summary>
    public IEnumerable<string> EpochTexts(int epoch) => EpochOrder(epoch).Select(i => Documents[i].Text + Separator);

    /// <summary>Tokens in one epoch (document tokens plus one separator each).</summary>
    public int TokensPerEpoch() => Documents.Sum(d => WorldTokenizerText.Count(d.Text) + 1);
}
