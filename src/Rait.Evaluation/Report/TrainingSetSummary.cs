using System.Text.Json.Serialization;

namespace Rait.Evaluation.Report;

/// <summary>What one method fine-tuned on: the size of its set, how many rows teach a refusal, and the method's own
/// candidate counts (e.g. CRaFT's unknown questions before and after the knowledge-flow filter), from the set's manifest.</summary>
public sealed record TrainingSetSummary
{
    [JsonPropertyName("method")] public required string Method { get; init; }
    [JsonPropertyName("seed")] public long? Seed { get; init; }
    [JsonPropertyName("rows")] public required int Rows { get; init; }
    [JsonPropertyName("refusals")] public required int Refusals { get; init; }
    /// <summary>Σ of the per-sample loss weights; equals <see cref="Rows"/> unless the method weights samples (GRAIT).</summary>
    [JsonPropertyName("weight_sum")] public required double WeightSum { get; init; }
    /// <summary>The method's candidate counts in the order it reports them (manifest "candidates").</summary>
    [JsonPropertyName("selection")] public IReadOnlyList<SelectionCount> Selection { get; init; } = [];
    /// <summary>Groups that had fewer candidates than asked (manifest "summary.shortfalls"); empty when the set is as asked.</summary>
    [JsonPropertyName("shortfalls")] public IReadOnlyList<SelectionShortfall> Shortfalls { get; init; } = [];

    /// <summary>"pool 762 · known 449 · ...": the selection as one line for tables.</summary>
    [JsonIgnore]
    public string SelectionText => string.Join(" · ", Selection.Select(c => $"{c.Name.Replace('_', ' ')} {c.Count}"));

    /// <summary>"known: 4 of 8 available, 4 resampled": the shortfalls as one line; "none" when the set is as asked.</summary>
    [JsonIgnore]
    public string ShortfallText => Shortfalls.Count == 0 ? "none"
        : string.Join(" · ", Shortfalls.Select(f => $"{f.Group.Replace('_', ' ')}: {f.Available} of {f.Asked} available, {f.Resampled} resampled"));

    [JsonIgnore] public double RefusalShare => Rows == 0 ? double.NaN : 100.0 * Refusals / Rows;
}

/// <summary>One named candidate count of a method's selection.</summary>
public sealed record SelectionCount([property: JsonPropertyName("name")] string Name, [property: JsonPropertyName("count")] int Count);

/// <summary>A selection group with fewer candidates than asked: asked, distinct candidates available, rows drawn again with replacement.</summary>
public sealed record SelectionShortfall(
    [property: JsonPropertyName("group")] string Group, [property: JsonPropertyName("asked")] int Asked,
    [property: JsonPropertyName("available")] int Available, [property: JsonPropertyName("resampled")] int Resampled);
