using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Rait.Core;
using Rait.Core.Records;

namespace Rait.Methods.Common;

/// <summary>Validates probe tables before any selection: required fields, score ranges, unique ids, fingerprints.</summary>
internal static class ProbeChecks
{
    /// <summary>Checks <paramref name="table"/> and returns its fingerprint entry for the manifest.</summary>
    /// <exception cref="RaitException">Empty table, missing field, bad μ/σ, duplicate id, mixed or unexpected fingerprints.</exception>
    public static InputFingerprint Check(ProbeTable table, string role, string? expectedModel, string? expectedPrompt)
    {
        var src = table.Source;
        if (table.Rows.Count == 0) throw new RaitException($"{src}: the {role} probe table has no rows.");
        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < table.Rows.Count; i++)
        {
            var r = table.Rows[i];
            string at = $"{src}: row {i + 1}";
            if (string.IsNullOrEmpty(r.Id)) throw new RaitException($"{at}: missing field 'id'.");
            at += $" (id {r.Id})";
            if (string.IsNullOrEmpty(r.Question)) throw new RaitException($"{at}: missing field 'question'.");
            if (r.Answers is null) throw new RaitException($"{at}: missing field 'answers'.");
            if (string.IsNullOrEmpty(r.ModelFingerprint)) throw new RaitException($"{at}: missing field 'model_fingerprint'.");
            if (string.IsNullOrEmpty(r.PromptFingerprint)) throw new RaitException($"{at}: missing field 'prompt_fingerprint'.");
            if (!(r.Mu >= 0 && r.Mu <= 1)) throw new RaitException($"{at}: field 'mu' must be in [0, 1], got {r.Mu.ToString(CultureInfo.InvariantCulture)}.");
            if (!double.IsFinite(r.Sigma)) throw new RaitException($"{at}: field 'sigma' must be a finite number.");
            if (!seen.Add(r.Id)) throw new RaitException($"{at}: duplicate id '{r.Id}'; probe ids must be unique.");
        }
        string model = Single(table, role, "model_fingerprint", r => r.ModelFingerprint);
        string prompt = Single(table, role, "prompt_fingerprint", r => r.PromptFingerprint);
        if (expectedModel is not null && model != expectedModel)
            throw new RaitException($"{src}: model_fingerprint is '{model}' but '{expectedModel}' was expected; this {role} table was probed with another model.");
        if (expectedPrompt is not null && prompt != expectedPrompt)
            throw new RaitException($"{src}: prompt_fingerprint is '{prompt}' but '{expectedPrompt}' was expected; this {role} table comes from another prompt or data set.");
        return new InputFingerprint(role, Path.GetFileName(src), model, prompt,
            Sha256Hex(model + "\n" + prompt), ContentHash(table.Rows), table.Rows.Count);
    }

    private static string Single(ProbeTable table, string role, string field, Func<ProbeRecord, string> get)
    {
        var groups = table.Rows.GroupBy(get, StringComparer.Ordinal).OrderByDescending(g => g.Count()).ThenBy(g => g.Key, StringComparer.Ordinal).ToList();
        if (groups.Count == 1) return groups[0].Key;
        var listing = string.Join(", ", groups.Select(g => $"'{g.Key}' ({g.Count()} rows, first id {g.First().Id})"));
        throw new RaitException($"{table.Source}: the {role} table mixes {groups.Count} values of {field}: {listing}; one probe file must come from one model and one prompt.");
    }

    private static string ContentHash(IReadOnlyList<ProbeRecord> rows)
    {
        var sb = new StringBuilder();
        foreach (var r in rows.OrderBy(r => r.Id, StringComparer.Ordinal))
            sb.Append(r.Id).Append('\t').Append(r.Mu.ToString("R", CultureInfo.InvariantCulture))
              .Append('\t').Append(r.Sigma.ToString("R", CultureInfo.InvariantCulture)).Append('\n');
        return Sha256Hex(sb.ToString());
    }

    public static string Sha256Hex(string text) => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(text)));

    /// <summary>Rows sorted by id, so selection never depends on file order.</summary>
    public static List<ProbeRecord> SortedById(IEnumerable<ProbeRecord> rows) => rows.OrderBy(r => r.Id, StringComparer.Ordinal).ToList();
}
