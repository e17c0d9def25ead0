using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Rait.Core.Config;

namespace Rait.Pipeline.Eval;

/// <summary>Content hashes that decide whether stored answers and metrics still match a run's inputs.</summary>
public static class EvalFingerprints
{
    /// <summary>Data file bytes (every data file of a folder, by name) plus everything that changes an answer or its outcome.</summary>
    public static string Answers(string dataPath, EvalConfig config)
    {
        var settings = JsonSerializer.Serialize(new
        {
            config.Prompt, config.Chat, config.MaxNewTokensOpen, config.MaxNewTokensMc, config.StopStrings,
            config.Confidence, config.Matcher, config.Refusal, config.McCushion,
        }, ConfigLoader.Options);
        return Hash(DataHash(dataPath), settings);
    }

    /// <summary>Everything that changes the metrics of fixed answers: aggregation options, the label and the reference rows.</summary>
    /// <remarks>A judge section adds a part (so runs without a judge keep their earlier fingerprints).</remarks>
    public static string Metrics(EvalConfig config, string method, string? referenceFingerprint)
    {
        string[] parts = [JsonSerializer.Serialize(config.Evaluation, ConfigLoader.Options), method, referenceFingerprint ?? "no-reference"];
        return config.Judge is null ? Hash(parts) : Hash([.. parts, JsonSerializer.Serialize(config.Judge, ConfigLoader.Options)]);
    }

    /// <summary>First 16 hex digits of SHA-256 over the parts, each length-prefixed so boundaries cannot shift.</summary>
    public static string Hash(params string[] parts)
    {
        var text = new StringBuilder();
        foreach (var p in parts) text.Append(p.Length).Append(':').Append(p).Append(';');
        return Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(text.ToString())))[..16].ToLowerInvariant();
    }

    private static string DataHash(string path)
    {
        var files = Directory.Exists(path)
            ? Directory.EnumerateFiles(path).Where(f => !Path.GetFileName(f).StartsWith('.')).Order(StringComparer.Ordinal).ToList()
            : [path];
        using var sha = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var f in files)
        {
            sha.AppendData(Encoding.UTF8.GetBytes(Path.GetFileName(f) + ";"));
            sha.AppendData(File.ReadAllBytes(f));
        }
        return Convert.ToHexString(sha.GetHashAndReset());
    }
}
