using Rait.Methods.Options;

namespace Rait.Pipeline.Run;

/// <summary>The method options a run uses: paper defaults, sized to the pool, all with CRaFT's REFUSE prompt
/// (so every tuned model is evaluated with the prompt it was trained with) and a shortfall policy that
/// takes what the pool offers.</summary>
public static class MethodSetup
{
    public static MethodOptions For(PipelineMethod m, RunConfig c, long seed)
    {
        var size = new SetSize { Total = c.SetSize };
        var prompt = new PromptOptions { Style = PromptStyle.Refuse };
        return m switch
        {
            PipelineMethod.Van => new VanOptions { Total = c.SetSize, Seed = seed, OnShortfall = ShortfallPolicy.TakeAvailable, Prompt = prompt },
            PipelineMethod.Cor => new CorOptions { Size = size, Seed = seed, OnShortfall = ShortfallPolicy.TakeAvailable, Prompt = prompt },
            // "unknown" mode with one refusal sentence containing "I don't know", which the evaluator detects.
            PipelineMethod.Rtuning => new RTuningOptions { Mode = RTuningMode.Unknown, RefusalSet = RTuningRefusalSet.Single, Seed = seed, OnShortfall = ShortfallPolicy.TakeAvailable, Prompt = prompt },
            PipelineMethod.Craft => new CraftOptions { Size = size, Seed = seed, OnShortfall = ShortfallPolicy.TakeAvailable, Prompt = prompt },
            PipelineMethod.Grait => new GraitOptions { Size = size, Seed = seed, OnShortfall = ShortfallPolicy.TakeAvailable, Prompt = prompt, WarmUp = Rehearsal(c, seed) },
            _ => throw new ArgumentOutOfRangeException(nameof(m), m, null),
        };
    }

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
        _ => m.ToString(),
    };
}
