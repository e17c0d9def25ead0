namespace Rait.World.Config;

/// <summary>
/// How the trainer should consume the pretraining corpus: documents separated by the end-of-text token,
/// packed into sequences of <see cref="SequenceLength"/> tokens, reshuffled every epoch
/// (<see cref="Corpus.PretrainCorpus.EpochOrder"/>). Part of the config hash, because a pretrained world
/// in the cache depends on it.
/// </summary>
public sealed record PretrainPlan
{
    /// <summary>Passes over the corpus; every fact is seen Exposure × Epochs times in total.</summary>
    public int Epochs { get; init; } = 60;
    /// <summary>Packed training sequence length in tokens.</summary>
    public int SequenceLength { get; init; } = 128;
    /// <summary>Decoupled AdamW weight decay. 0.1 rather than 0.01: with it the default world's model answered
    /// 74–87% of the facts seen only in biographies (knowledge extraction) over three runs, against 52–96%.</summary>
    public double WeightDecay { get; init; } = 0.1;

    internal void Validate(string prefix, List<string> errors)
    {
        if (Epochs is < 1 or > 10_000) errors.Add($"{prefix}.epochs: expected 1..10000, got {Epochs}.");
        if (SequenceLength is < 16 or > 8192) errors.Add($"{prefix}.sequence_length: expected 16..8192, got {SequenceLength}.");
        if (!(WeightDecay >= 0 && WeightDecay < 1)) errors.Add($"{prefix}.weight_decay: expected a value in [0, 1), got {WeightDecay}.");
    }
}
