using Rait.Core.Records;
using Rait.Methods.Options;

namespace Rait.Methods;

/// <summary>A built RAIT set: the SFT rows, the options and inputs that produced them, and counts.</summary>
public sealed record RaitBuildResult
{
    /// <summary>Method name (van, cor, rtuning, craft, grait, context).</summary>
    public required string Method { get; init; }
    public required MethodOptions Options { get; init; }
    public required IReadOnlyList<SftExample> Examples { get; init; }
    public required IReadOnlyList<InputFingerprint> Inputs { get; init; }
    /// <summary>Candidate-pool sizes before the size cut (e.g. "known", "unknown", "unknown_flow_kept").</summary>
    public required IReadOnlyDictionary<string, int> Candidates { get; init; }
    public required BuildSummary Summary { get; init; }
}
