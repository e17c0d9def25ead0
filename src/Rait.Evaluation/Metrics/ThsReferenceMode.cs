using System.Text.Json.Serialization;

namespace Rait.Evaluation.Metrics;

/// <summary>How the THS reference (Init-Basic) is treated when bootstrapping the THS interval.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<ThsReferenceMode>))]
public enum ThsReferenceMode
{
    /// <summary>
    /// Resample the reference's rows with the same item indices as the evaluated rows (paired bootstrap;
    /// requires both runs to cover the same item ids). Captures the reference's own sampling noise and
    /// its correlation with the evaluated model on shared items. The default.
    /// </summary>
    Paired,
    /// <summary>Hold the reference point E1 fixed at its full-set estimate; only the evaluated rows are resampled.</summary>
    Fixed,
}
