using Rait.Methods.Options;

namespace Rait.Pipeline.Run;

/// <summary>The method options a run uses: paper defaults, all with CRaFT's REFUSE prompt (so every tuned model is
/// evaluated with the prompt it was trained with), all of set_size rows with the 4 : 1 keep : refuse ratio where the
/// method has one, and the CRaFT MCQA code's shortfall policy (seeded resampling with replacement) so sizes stay equal.</summary>
public static class MethodSetup
{
    public static MethodOptions For(PipelineMethod m, RunConfig c, long seed)
    {
        var size = new SetSize { Total = c.SetSize };
        var prompt = new PromptOptions { Style = PromptStyle.Refuse };
        const ShortfallPolicy fill = ShortfallPolicy.Resample;
        return m switch
        {
            PipelineMethod.Van => new VanOptions { Total = c.SetSize, Seed = seed, OnShortfall = fill, Prompt = prompt },
            PipelineMethod.Cor => new CorOptions { Size = size, Seed = seed, OnShortfall = fill, Prompt = prompt },
            // "unknown" mode with one refusal sentence containing "I don't know", which the evaluator detects. Its refusal
            // share is the pool's share of greedy-wrong items: R-Tuning has no ratio to set.
            PipelineMethod.Rtuning => new RTuningOptions
            {
                Mode = RTuningMode.Unknown, RefusalSet = RTuningRefusalSet.Single, Size = c.RtuningWholePool ? null : c.SetSize,
                Seed = seed, OnShortfall = fill, Prompt = prompt,
            },
            PipelineMethod.Craft => new CraftOptions { Size = size, Seed = seed, OnShortfall = fill, Prompt = prompt },
            PipelineMethod.CorCer => new CraftOptions { Variant = CraftVariant.WithoutFlow, Size = size, Seed = seed, OnShortfall = fill, Prompt = prompt },
            PipelineMethod.CraftWithoutCertainty => new CraftOptions { Variant = CraftVariant.WithoutCertainty, Size = size, Seed = seed, OnShortfall = fill, Prompt = prompt },
            PipelineMethod.Grait => new GraitOptions { Size = size, Seed = seed, OnShortfall = fill, Prompt = prompt, WarmUp = Rehearsal(c, seed) },
            _ => throw new ArgumentOutOfRangeException(nameof(m), m, null),
        };
    }

    /// <summary>The methods of `rait demo`; with <paramref name="ablations"/> also CRaFT w/o flow (CorCer-RAIT) and w/o certainty.</summary>
    public static IReadOnlyList<PipelineMethod> Demo(bool ablations) => ablations
        ? [PipelineMethod.Van, PipelineMethod.Cor, PipelineMethod.Rtuning, PipelineMethod.Craft, PipelineMethod.Grait, PipelineMethod.CorCer, PipelineMethod.CraftWithoutCertainty]
        : [PipelineMethod.Van, PipelineMethod.Cor, PipelineMethod.Rtuning, PipelineMethod.Craft, PipelineMethod.Grait];

    /// <summary>Whether the method needs the pool re-probed after the rehearsal fine-tune (the knowledge flow Δμ).</summary>
    public static bool NeedsRehearsedProbe(PipelineMethod m) => m is PipelineMethod.Craft or PipelineMethod.CraftWithoutCertainty;

    /// <summary>CRaFT's rehearsal selection (μ = 1, high σ), sized for the run.</summary>
    public static RehearsalOptions Rehearsal(RunConfig c, long seed) => new()
    {
        Size = c.RehearsalSize, Seed = seed, OnShortfall = ShortfallPolicy.TakeAvailable,
        Prompt = new PromptOptions { Style = PromptStyle.Refuse },
    };

    public static string Name(PipelineMethod m) => m switch
    {
        PipelineMethod.Van => "Van-Tuning",
        PipelineMethod.Cor => "Cor-RAIT",
        PipelineMethod.Rtuning => "R-Tuning",
        PipelineMethod.Craft => "CRaFT",
        PipelineMethod.Grait => "GRAIT",
        PipelineMethod.CorCer => "CorCer-RAIT",
        PipelineMethod.CraftWithoutCertainty => "CRaFT w/o certainty",
        _ => m.ToString(),
    };
}
