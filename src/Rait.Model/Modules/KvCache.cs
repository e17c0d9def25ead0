using static TorchSharp.torch;

namespace Rait.Model.Modules;

/// <summary>
/// Preallocated key/value cache for every layer: [B, Hkv, Tmax, Dh] per layer. New keys are copied
/// in place, so decoding allocates nothing per step beyond the step's own activations.
/// The cache owns its tensors (detached from any dispose scope) and frees them in <see cref="Dispose"/>.
/// </summary>
public sealed class KvCache : IDisposable
{
    private readonly Tensor[] _keys;
    private readonly Tensor[] _values;

    public KvCache(int layers, long batch, long kvHeads, long maxLength, long headDim, ScalarType dtype)
    {
        _keys = new Tensor[layers];
        _values = new Tensor[layers];
        for (int i = 0; i < layers; i++)
        {
            _keys[i] = zeros([batch, kvHeads, maxLength, headDim], dtype).DetachFromDisposeScope();
            _values[i] = zeros([batch, kvHeads, maxLength, headDim], dtype).DetachFromDisposeScope();
        }
        Capacity = maxLength;
        Batch = batch;
    }

    private KvCache(Tensor[] keys, Tensor[] values, long length)
    {
        _keys = keys;
        _values = values;
        Capacity = keys[0].shape[2];
        Batch = keys[0].shape[0];
        Length = length;
    }

    /// <summary>Number of positions already stored.</summary>
    public long Length { get; private set; }
    public long Capacity { get; }
    public long Batch { get; }

    /// <summary>Writes the new keys/values of one layer after the stored ones and returns all of them.</summary>
    /// <param name="k">[B, Hkv, T, Dh]</param>
    /// <returns>Views [B, Hkv, Length + T, Dh] into the cache.</returns>
    public (Tensor K, Tensor V) Update(int layer, Tensor k, Tensor v)
    {
        long t = k.shape[2];
        if (Length + t > Capacity)
            throw new InvalidOperationException($"KV cache full: {Length} + {t} > capacity {Capacity}.");
        _keys[layer].narrow(2, Length, t).copy_(k);
        _values[layer].narrow(2, Length, t).copy_(v);
        return (_keys[layer].narrow(2, 0, Length + t), _values[layer].narrow(2, 0, Length + t));
    }

    /// <summary>Marks <paramref name="t"/> new positions as stored; called once per forward after all layers.</summary>
    public void Advance(long t) => Length += t;

    /// <summary>A new cache holding only the given batch rows (in that order), e.g. to drop finished sequences
    /// or to repeat each prompt n times for sampling.</summary>
    /// <param name="rows">[B'] int64 row indices</param>
    public KvCache Select(Tensor rows)
    {
        var keys = new Tensor[_keys.Length];
        var values = new Tensor[_values.Length];
        for (int i = 0; i < _keys.Length; i++)
        {
            keys[i] = _keys[i].index_select(0, rows).DetachFromDisposeScope();
            values[i] = _values[i].index_select(0, rows).DetachFromDisposeScope();
        }
        return new KvCache(keys, values, Length);
    }

    public void Dispose()
    {
        foreach (var t in _keys) t.Dispose();
        foreach (var t in _values) t.Dispose();
    }
}
