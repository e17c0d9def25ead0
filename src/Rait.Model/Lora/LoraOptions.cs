using System.Text.Json.Serialization;

namespace Rait.Model.Lora;

/// <summary>LoRA hyper-parameters (PEFT LoraConfig subset that vLLM and PEFT both understand).</summary>
public sealed record LoraOptions
{
    /// <summary>The projections LoRA may target (Llama-family names).</summary>
    public static readonly IReadOnlyList<string> KnownTargets = ["q_proj", "k_proj", "v_proj", "o_proj", "gate_proj", "up_proj", "down_proj"];

    [JsonPropertyName("rank")] public int Rank { get; init; } = 8;
    [JsonPropertyName("alpha")] public double Alpha { get; init; } = 16;
    [JsonPropertyName("dropout")] public double Dropout { get; init; } = 0.05;
    /// <summary>rsLoRA: scale alpha / sqrt(r) instead of alpha / r.</summary>
    [JsonPropertyName("use_rslora")] public bool UseRsLora { get; init; }
    [JsonPropertyName("target_modules")] public IReadOnlyList<string> TargetModules { get; init; } = KnownTargets;

    [JsonIgnore] public double Scale => UseRsLora ? Alpha / Math.Sqrt(Rank) : Alpha / Rank;

    public IReadOnlyList<string> Validate(string prefix = "lora")
    {
        var e = new List<string>();
        if (Rank <= 0) e.Add($"{prefix}.rank: expected a positive integer, got {Rank}");
        if (Alpha <= 0) e.Add($"{prefix}.alpha: expected > 0, got {Alpha}");
        if (Dropout < 0 || Dropout >= 1) e.Add($"{prefix}.dropout: expected in [0, 1), got {Dropout}");
        if (TargetModules.Count == 0) e.Add($"{prefix}.target_modules: at least one module is needed");
        foreach (var t in TargetModules.Where(t => !KnownTargets.Contains(t)))
            e.Add($"{prefix}.target_modules: \"{t}\" is not a module of this architecture (known: {string.Join(", ", KnownTargets)})");
        return e;
    }
}
