using System.Globalization;
using System.Text.RegularExpressions;
using Rait.Core;

namespace Rait.Model.Checkpoints;

/// <summary>How a checkpoint is split into safetensors shards, following Hugging Face save_pretrained.</summary>
public static partial class ShardPlan
{
    /// <summary>transformers' default max_shard_size, "5GB" (decimal).</summary>
    public const long DefaultMaxShardBytes = 5_000_000_000;

    /// <summary>Assigns each tensor, in order, to a shard: a shard is closed when the next tensor would push it
    /// over <paramref name="maxShardBytes"/>. A tensor larger than the limit cannot be split, so it gets a shard
    /// of its own. Returns the 0-based shard of each tensor; the shard count is the largest index + 1.</summary>
    public static int[] Assign(IReadOnlyList<long> tensorBytes, long maxShardBytes)
    {
        if (maxShardBytes <= 0) throw new ArgumentOutOfRangeException(nameof(maxShardBytes), maxShardBytes, "must be positive");
        var shardOf = new int[tensorBytes.Count];
        int shard = 0;
        long used = 0;
        for (int i = 0; i < tensorBytes.Count; i++)
        {
            if (i > 0 && used + tensorBytes[i] > maxShardBytes)
            {
                shard++;
                used = 0;
            }
            shardOf[i] = shard;
            used += tensorBytes[i];
        }
        return shardOf;
    }

    /// <summary>HF's shard file name, e.g. model-00002-of-00003.safetensors (<paramref name="index"/> is 0-based).</summary>
    public static string ShardFileName(int index, int count) =>
        $"model-{index + 1:D5}-of-{count:D5}.safetensors";

    [GeneratedRegex(@"^model-\d{5}-of-\d{5}\.safetensors$")]
    public static partial Regex ShardFilePattern();

    [GeneratedRegex(@"^\s*(\d+(?:\.\d+)?)\s*([A-Za-z]*)\s*$")]
    private static partial Regex SizePattern();

    /// <summary>Parses a size the way transformers' max_shard_size does: KB/MB/GB/TB are powers of 1000,
    /// KiB/MiB/GiB/TiB powers of 1024, a bare number (or B) is bytes. Case-insensitive.</summary>
    /// <exception cref="RaitException">Not a positive size; the message names <paramref name="what"/>.</exception>
    public static long ParseSize(string? text, string what)
    {
        var m = SizePattern().Match(text ?? "");
        long? unit = m.Success ? m.Groups[2].Value.ToUpperInvariant() switch
        {
            "" or "B" => 1L,
            "KB" => 1_000L,
            "MB" => 1_000_000L,
            "GB" => 1_000_000_000L,
            "TB" => 1_000_000_000_000L,
            "KIB" => 1L << 10,
            "MIB" => 1L << 20,
            "GIB" => 1L << 30,
            "TIB" => 1L << 40,
            _ => null,
        } : null;
        if (unit is { } u && decimal.TryParse(m.Groups[1].Value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number)
            && number <= long.MaxValue / (decimal)u && number * u >= 1)
            return (long)(number * u);
        throw new RaitException($"{what}: expected a positive size such as 500MB, 2GB, 10GiB or a byte count, got \"{text}\".");
    }
}
