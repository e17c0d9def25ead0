using System.Security.Cryptography;
using Rait.Core;
using Rait.Core.Records;

namespace Rait.Methods.Grait;

/// <summary>Validated gradient features by question id: unique ids, one dimension, finite, unit norm.</summary>
internal sealed class GradientIndex
{
    private readonly Dictionary<string, GradientFeature> _byId;
    private readonly string _source;

    public int Dim { get; }
    public InputFingerprint Fingerprint { get; }

    public GradientIndex(GradientTable table, double normTolerance)
    {
        _source = table.Source;
        if (table.Rows.Count == 0) throw new RaitException($"{_source}: the gradient table has no rows.");
        _byId = new Dictionary<string, GradientFeature>(StringComparer.Ordinal);
        Dim = table.Rows[0].RefusalGrad?.Length ?? 0;
        if (Dim == 0) throw new RaitException($"{_source}: row 1: field 'refusal_grad' is missing or empty.");
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var g = table.Rows[i];
            string at = $"{_source}: row {i + 1}";
            if (string.IsNullOrEmpty(g.Id)) throw new RaitException($"{at}: missing field 'id'.");
            if (!_byId.TryAdd(g.Id, g)) throw new RaitException($"{at}: duplicate id '{g.Id}'.");
            CheckVector(g.AnswerGrad, $"{at} (id {g.Id}): field 'answer_grad'", normTolerance);
            CheckVector(g.RefusalGrad, $"{at} (id {g.Id}): field 'refusal_grad'", normTolerance);
            hash.AppendData(System.Text.Encoding.UTF8.GetBytes(g.Id + "\n"));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(g.AnswerGrad.AsSpan()));
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(g.RefusalGrad.AsSpan()));
        }
        Fingerprint = new InputFingerprint("gradients", Path.GetFileName(_source), "", "", "",
            Convert.ToHexStringLower(hash.GetHashAndReset()), table.Rows.Count);
    }

    private void CheckVector(float[]? v, string what, double tol)
    {
        if (v is null || v.Length == 0) throw new RaitException($"{what} is missing or empty.");
        if (v.Length != Dim) throw new RaitException($"{what} has length {v.Length}, expected {Dim} like the first row.");
        double sq = 0;
        foreach (var x in v)
        {
            if (!float.IsFinite(x)) throw new RaitException($"{what} contains a non-finite value.");
            sq += (double)x * x;
        }
        double norm = Math.Sqrt(sq);
        if (Math.Abs(norm - 1) > tol)
            throw new RaitException($"{what} has L2 norm {norm:G6}; features must be L2-normalised (tolerance {tol}).");
    }

    /// <summary>The features for <paramref name="rows"/>, or one error listing the missing ids.</summary>
    public List<GradientFeature> For(IReadOnlyList<ProbeRecord> rows, string group)
    {
        var missing = rows.Where(r => !_byId.ContainsKey(r.Id)).Select(r => r.Id).ToList();
        if (missing.Count > 0)
            throw new RaitException($"{_source}: no gradient features for {missing.Count} {group} ids (first: {string.Join(", ", missing.Take(3))}).");
        return rows.Select(r => _byId[r.Id]).ToList();
    }
}
