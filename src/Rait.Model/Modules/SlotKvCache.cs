using static TorchSharp.torch;

namespace Rait.Model.Modules;

/// <summary>
/// Key/value cache for continuous batching: one slot (batch row) per running sequence, each with its own length.
/// Storage is [slots, Hkv, positions, Dh] per layer and grows in blocks of slots and of positions as sequences join
/// and lengthen, instead of being sized for prompt + max tokens up front; it is freed when the last slot leaves.
/// A decode step writes each row's new key at that row's own length (one index per step, no per-row views), and
/// rows attend over the widest row with a key mask built once per step.
/// </summary>
/// <remarks>Byte counts cover the cache tensors only, including the moment a growth holds the old and the new
/// tensor of one layer at once.</remarks>
public sealed class SlotKvCache : IDisposable
{
    private readonly int _layers;
    private readonly long _kvHeads, _headDim, _maxPositions, _slotBlock, _positionBlock;
    private readonly ScalarType _dtype;
    private readonly Device _device;
    private readonly List<long> _lengths = [];
    private Tensor[]? _keys, _values;
    private long _slotCapacity, _positionCapacity;

    public SlotKvCache(int layers, long kvHeads, long headDim, long maxPositions, ScalarType dtype, Device device,
        long slotBlock = 4, long positionBlock = 32)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(slotBlock, 1);
        ArgumentOutOfRangeException.ThrowIfLessThan(positionBlock, 1);
        _layers = layers;
        _kvHeads = kvHeads;
        _headDim = headDim;
        _maxPositions = maxPositions;
        _dtype = dtype;
        _device = device;
        _slotBlock = slotBlock;
        _positionBlock = positionBlock;
    }

    /// <summary>Slots in use; they are 0..Count-1.</summary>
    public int Count => _lengths.Count;
    public long AllocatedBytes { get; private set; }
    /// <summary>Most bytes the cache tensors ever held at once.</summary>
    public long PeakBytes { get; private set; }

    /// <summary>Bytes of one stored position of one row over all layers (keys and values).</summary>
    public long BytesPerPosition => _layers * 2L * _kvHeads * _headDim * ElementSize;

    private long ElementSize => _dtype switch { ScalarType.Float32 => 4, ScalarType.BFloat16 or ScalarType.Float16 => 2, ScalarType.Float64 => 8,
        _ => throw new NotSupportedException($"KV cache dtype {_dtype}") };

    /// <summary>Worst-case bytes once the cache holds <paramref name="slots"/> rows of up to <paramref name="positions"/>
    /// positions, counting the growth that briefly keeps the old tensor of one layer beside the new one. Admission control
    /// compares this with the budget.</summary>
    public long BytesToHold(int slots, long positions) => Bytes(Math.Max(_slotCapacity, RoundUp(slots, _slotBlock)),
        Math.Max(_positionCapacity, Math.Min(RoundUp(positions, _positionBlock), Math.Max(_maxPositions, positions))));

    /// <summary>As <see cref="BytesToHold"/> for an empty cache: what a request alone needs.</summary>
    public long BytesToHoldAlone(int slots, long positions) =>
        Bytes(RoundUp(slots, _slotBlock), Math.Min(RoundUp(positions, _positionBlock), Math.Max(_maxPositions, positions)));

    private long Bytes(long slots, long positions)
    {
        long total = slots * positions * BytesPerPosition;
        return total + total / (2 * _layers);
    }

    public long LengthOf(int slot) => _lengths[slot];

    /// <summary>Adds an empty slot after the used ones, growing the storage for a prompt of <paramref name="promptLength"/>.</summary>
    public int AddSlot(long promptLength)
    {
        Grow(Count + 1, promptLength);
        _lengths.Add(0);
        return Count - 1;
    }

    /// <summary>A cache view that prefills <paramref name="slot"/> alone: the prompt goes to positions 0..T-1.</summary>
    public IKvCache Prefill(int slot) => new PrefillView(this, slot, 1);

    /// <summary>A cache view that prefills slots first..first+count-1 together with prompts of one length (positions 0..T-1).</summary>
    public IKvCache Prefill(int first, int count) => new PrefillView(this, first, count);

    /// <summary>Copies slot <paramref name="from"/> into <paramref name="to"/> (n samples of one prompt share its prefill).</summary>
    public void CopySlot(int from, int to)
    {
        long len = _lengths[from];
        if (len > 0)
            for (int l = 0; l < _layers; l++)
            {
                _keys![l][to].narrow(1, 0, len).copy_(_keys[l][from].narrow(1, 0, len));
                _values![l][to].narrow(1, 0, len).copy_(_values[l][from].narrow(1, 0, len));
            }
        _lengths[to] = len;
    }

    /// <summary>Frees the given slots; the highest used slots move into the holes.</summary>
    /// <returns>For every remaining slot, the slot it held before (to reorder per-row data alike).</returns>
    public int[] Remove(IReadOnlyCollection<int> slots)
    {
        var order = Enumerable.Range(0, Count).ToList();
        foreach (var s in slots.Distinct().OrderDescending())
        {
            int last = order.Count - 1;
            if (s != last)
            {
                CopySlot(last, s);
                order[s] = order[last];
            }
            order.RemoveAt(last);
            _lengths.RemoveAt(last);
        }
        if (Count == 0) Release();
        return order.ToArray();
    }

    /// <summary>A cache view that appends one position to each of slots 0..rows-1 at that row's own length.</summary>
    /// <returns>The view, the positions of the new tokens [rows, 1] int64, and the key mask [rows, 1, 1, L] (true = may
    /// attend), or null when every row has the same length and so attends to every stored key.</returns>
    public (IKvCache View, Tensor Positions, Tensor? Mask) Decode(int rows)
    {
        long widest = 0, narrowest = long.MaxValue;
        for (int i = 0; i < rows; i++)
        {
            widest = Math.Max(widest, _lengths[i]);
            narrowest = Math.Min(narrowest, _lengths[i]);
        }
        Grow(rows, widest + 1);
        var lengths = tensor(_lengths.Take(rows).ToArray(), device: _device).view(rows, 1);                 // [B, 1]
        var mask = narrowest == widest ? null
            : (arange(widest + 1, ScalarType.Int64, device: _device).unsqueeze(0) <= lengths).view(rows, 1, 1, widest + 1);
        // One scatter index for all layers, made here so it lives in the caller's scope, not a layer's: row b writes at column lengths[b].
        var index = lengths.view(rows, 1, 1, 1).expand(rows, _kvHeads, 1, _headDim);
        return (new DecodeView(this, rows, widest, index), lengths, mask);
    }

    /// <summary>Makes room for one more position of <paramref name="slot"/>, for a caller that writes it into
    /// <see cref="Storage"/> itself (the CPU row decoder) and then calls <see cref="AdvanceSlot"/>.</summary>
    internal void ReserveNext(int slot) => Grow(Count, _lengths[slot] + 1);

    /// <summary>The key and value storage of a layer, [slot capacity, Hkv, <see cref="PositionCapacity"/>, Dh]; valid until
    /// the cache next grows, trims or releases.</summary>
    internal (Tensor Keys, Tensor Values) Storage(int layer) => (_keys![layer], _values![layer]);

    internal long PositionCapacity => _positionCapacity;

    internal void AdvanceSlot(int slot, long by = 1) => _lengths[slot] += by;

    /// <summary>Gives memory back after long rows left: reallocates to what the remaining rows hold when that at least
    /// halves the storage (otherwise a cache grown for one long sequence would stay that size while the batch runs).</summary>
    public void Trim()
    {
        if (Count == 0 || _keys is null || _values is null) return;
        long s = RoundUp(Count, _slotBlock), p = Math.Min(RoundUp(_lengths.Max() + 1, _positionBlock), _maxPositions);
        if (2 * s * p > _slotCapacity * _positionCapacity) return;
        Reallocate(s, p);
    }

    /// <summary>Makes room for <paramref name="slots"/> slots of <paramref name="positions"/> positions in one growth (rows
    /// that join together would otherwise grow the storage once per slot block).</summary>
    public void Reserve(int slots, long positions) => Grow(slots, positions);

    private void Grow(int slots, long positions)
    {
        if (positions > _maxPositions) throw new InvalidOperationException($"KV cache: {positions} positions exceed the context of {_maxPositions}.");
        if (slots <= _slotCapacity && positions <= _positionCapacity) return;
        Reallocate(Math.Max(_slotCapacity, RoundUp(slots, _slotBlock)),
            Math.Max(_positionCapacity, Math.Min(RoundUp(positions, _positionBlock), _maxPositions)));
    }

    /// <summary>Moves every layer's storage to [s, Hkv, p, Dh], keeping the slots and positions both sizes hold; the rest
    /// is zero, so a masked key of a shorter row never brings NaN into the libtorch step's attention sum.</summary>
    private void Reallocate(long s, long p)
    {
        long perTensor = BytesPerPosition / (2 * _layers);
        long keptSlots = Math.Min(s, _slotCapacity), keptPositions = Math.Min(p, _positionCapacity);
        // On the CPU the move is done here rather than by libtorch's zeros and copy_: those run on its OpenMP pool, whose
        // wake-up (and its workers' spinning afterwards) cost a CPU decode step many times its own length.
        bool onHost = _device.type == TorchSharp.DeviceType.CPU && Math.Max(s * p, _slotCapacity * _positionCapacity) * perTensor <= int.MaxValue;
        _keys ??= new Tensor[_layers];
        _values ??= new Tensor[_layers];
        foreach (var store in new[] { _keys, _values })
            for (int l = 0; l < _layers; l++)
            {
                var old = store[l];
                var moved = (onHost ? empty([s, _kvHeads, p, _headDim], _dtype, device: _device)
                    : zeros([s, _kvHeads, p, _headDim], _dtype, device: _device)).DetachFromDisposeScope();
                AllocatedBytes += s * p * perTensor;
                PeakBytes = Math.Max(PeakBytes, AllocatedBytes);
                if (onHost) MoveOnHost(old, moved, keptSlots, keptPositions, p);
                else if (old is not null && keptSlots > 0 && keptPositions > 0)
                    using (var from = old.narrow(0, 0, keptSlots).narrow(2, 0, keptPositions))
                    using (var to = moved.narrow(0, 0, keptSlots).narrow(2, 0, keptPositions))
                        to.copy_(from);
                if (old is not null)
                {
                    old.Dispose();
                    AllocatedBytes -= _slotCapacity * _positionCapacity * perTensor;
                }
                store[l] = moved;
            }
        _slotCapacity = s;
        _positionCapacity = p;
    }

    /// <summary>Copies slots 0..<paramref name="slots"/>-1, positions 0..<paramref name="positions"/>-1 of
    /// <paramref name="from"/> (null: none) into <paramref name="to"/> ([·, Hkv, <paramref name="p"/>, Dh]) and zeroes the
    /// rest of <paramref name="to"/>.</summary>
    private void MoveOnHost(Tensor? from, Tensor to, long slots, long positions, long p)
    {
        var dst = to.bytes;
        if (from is null || slots == 0 || positions == 0)
        {
            dst.Clear();
            return;
        }
        var src = from.bytes;
        int row = checked((int)(_headDim * ElementSize)), oldP = checked((int)_positionCapacity), newP = checked((int)p);
        int kept = checked((int)positions) * row, heads = checked((int)(slots * _kvHeads));
        for (int sh = 0; sh < heads; sh++)
        {
            var into = dst.Slice(sh * newP * row, newP * row);
            src.Slice(sh * oldP * row, kept).CopyTo(into);
            into[kept..].Clear();
        }
        dst[(heads * newP * row)..].Clear();
    }

    private void Release()
    {
        foreach (var t in (_keys ?? []).Concat(_values ?? [])) t?.Dispose();
        _keys = _values = null;
        _slotCapacity = _positionCapacity = 0;
        AllocatedBytes = 0;
    }

    private static long RoundUp(long x, long block) => (x + block - 1) / block * block;

    public void Dispose()
    {
        _lengths.Clear();
        Release();
    }

    private sealed class PrefillView(SlotKvCache cache, int slot, int count) : IKvCache
    {
        public long Length => cache._lengths[slot];

        public (Tensor K, Tensor V) Update(int layer, Tensor k, Tensor v)
        {
            long t = k.shape[2], at = Length;
            var keys = cache._keys![layer].narrow(0, slot, count);
            var values = cache._values![layer].narrow(0, slot, count);
            keys.narrow(2, at, t).copy_(k);
            values.narrow(2, at, t).copy_(v);
            return (keys.narrow(2, 0, at + t), values.narrow(2, 0, at + t));
        }

        public void Advance(long t)
        {
            for (int i = slot; i < slot + count; i++) cache._lengths[i] += t;
        }
    }

    private sealed class DecodeView(SlotKvCache cache, int rows, long widest, Tensor index) : IKvCache
    {
        public long Length => widest;

        public (Tensor K, Tensor V) Update(int layer, Tensor k, Tensor v)
        {
            var keys = cache._keys![layer].narrow(0, 0, rows);
            var values = cache._values![layer].narrow(0, 0, rows);
            keys.scatter_(2, index, k);
            values.scatter_(2, index, v);
            return (keys.narrow(2, 0, widest + 1), values.narrow(2, 0, widest + 1));
        }

        public void Advance(long t)
        {
            for (int i = 0; i < rows; i++) cache._lengths[i] += t;
        }
    }
}
