namespace Rait.Server.Engine;

/// <summary>How much work the generation engine takes on at once.</summary>
public sealed record EngineOptions
{
    /// <summary>Most sequences (prompts × n) decoded together; a single larger request still runs, alone.</summary>
    public int MaxBatchRows { get; init; } = 32;
    /// <summary>Most requests waiting for room in the batch; more get 429.</summary>
    public int MaxQueue { get; init; } = 256;
    /// <summary>KV-cache memory budget of the server in bytes: a request joins the running batch only when the cache could
    /// hold every running row at its longest (prompt + max tokens) and its own rows too; a request that would not fit
    /// even alone is refused with 400.</summary>
    public long KvCacheBytes { get; init; } = 1L << 30;
    /// <summary>Positions the KV cache grows by at a time.</summary>
    public int CacheBlock { get; init; } = 32;

    /// <summary>All problems, each naming its option.</summary>
    public IReadOnlyList<string> Validate()
    {
        var e = new List<string>();
        if (MaxBatchRows < 1) e.Add($"max_batch_rows: expected >= 1, got {MaxBatchRows}");
        if (MaxQueue < 1) e.Add($"max_queue: expected >= 1, got {MaxQueue}");
        if (KvCacheBytes < 1) e.Add($"kv_cache_bytes: expected >= 1, got {KvCacheBytes}");
        if (CacheBlock < 1) e.Add($"cache_block: expected >= 1, got {CacheBlock}");
        return e;
    }
}
