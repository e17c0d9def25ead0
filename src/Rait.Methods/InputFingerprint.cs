namespace Rait.Methods;

/// <summary>
/// Identity of one input table in the manifest: its model and prompt fingerprints, a hash of the
/// pair, and a hash of the rows' ids and scores (so a rebuilt set can be traced to exact inputs).
/// </summary>
public sealed record InputFingerprint(
    string Role,
    string Source,
    string ModelFingerprint,
    string PromptFingerprint,
    string Fingerprint,
    string ContentHash,
    int Rows);
