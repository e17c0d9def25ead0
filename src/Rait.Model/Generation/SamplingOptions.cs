using Rait.Core.Random;

namespace Rait.Model.Generation;

/// <summary>How to decode: greedy when Temperature is 0, otherwise seeded sampling with top-k / top-p / min-p.</summary>
/// <remarks>Every sampled sequence (prompt p, sample j) draws from its own stream derived from (seed of p, j),
/// so its tokens never depend on the other prompts of the call, the batch size or NumSamples.</remarks>
public sealed record SamplingOptions
{
    public int MaxNewTokens { get; init; } = 64;
    /// <summary>0 = greedy (argmax).</summary>
    public double Temperature { get; init; } = 1.0;
    /// <summary>Keep only the k most likely tokens; 0 = off.</summary>
    public int TopK { get; init; }
    /// <summary>Nucleus sampling: smallest set whose probability reaches p; 1 = off.</summary>
    public double TopP { get; init; } = 1.0;
    /// <summary>Drop tokens whose probability is below MinP × the most likely token's (after temperature); 0 = off.</summary>
    public double MinP { get; init; }
    /// <summary>CTRL-style penalty on every token already in the prompt or the output: positive logits are divided by it,
    /// negative ones multiplied (as HF and vLLM apply it); 1 = off. Applies to greedy decoding too.</summary>
    public double RepetitionPenalty { get; init; } = 1.0;
    /// <summary>Seeds prompt p with a value derived from (Seed, p) unless <see cref="PromptSeeds"/> is given.</summary>
    public long Seed { get; init; }
    /// <summary>One seed per prompt (same count as the prompts); null = derive each from <see cref="Seed"/> and
    /// the prompt's index. Give it when a prompt's samples must not depend on where it sits in the call.</summary>
    public IReadOnlyList<long>? PromptSeeds { get; init; }
    /// <summary>Samples per prompt; the prompt is encoded and prefilled once and its cache shared.</summary>
    public int NumSamples { get; init; } = 1;
    public IReadOnlyList<int> StopTokenIds { get; init; } = [];
    public IReadOnlyList<string> StopStrings { get; init; } = [];

    public bool Greedy => Temperature == 0;

    /// <summary>The seed of prompt <paramref name="prompt"/>: its entry in <see cref="PromptSeeds"/>, else derived from (Seed, prompt).</summary>
    public long PromptSeed(int prompt) =>
        PromptSeeds is { } seeds ? seeds[prompt] : unchecked((long)SplitMix64.For(Seed, $"prompt {prompt}").NextUInt64());

    /// <summary>The random stream of sample <paramref name="sample"/> of a prompt with seed <paramref name="promptSeed"/>.</summary>
    public static SplitMix64 SampleStream(long promptSeed, int sample) => SplitMix64.For(promptSeed, $"sample {sample}");

    /// <summary>All problems, each naming its option.</summary>
    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        if (MaxNewTokens <= 0) e.Add($"max_new_tokens: expected > 0, got {MaxNewTokens}");
        if (Temperature < 0 || double.IsNaN(Temperature)) e.Add($"temperature: expected >= 0, got {Temperature}");
        if (TopK < 0) e.Add($"top_k: expected >= 0, got {TopK}");
        if (!(TopP > 0 && TopP <= 1)) e.Add($"top_p: expected in (0, 1], got {TopP}");
        if (!(MinP >= 0 && MinP <= 1)) e.Add($"min_p: expected in [0, 1], got {MinP}");
        if (!(RepetitionPenalty > 0) || double.IsInfinity(RepetitionPenalty)) e.Add($"repetition_penalty: expected > 0, got {RepetitionPenalty}");
        if (NumSamples <= 0) e.Add($"num_samples: expected > 0, got {NumSamples}");
        if (StopStrings.Any(string.IsNullOrEmpty)) e.Add("stop: stop strings must be non-empty");
        return e;
    }
}
