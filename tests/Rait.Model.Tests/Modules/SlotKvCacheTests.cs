using Rait.Model.Modules;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Modules;

/// <summary>Growing and trimming the slot cache keeps every stored key and value where its slot and position say; what a
/// growth adds is zero (a masked key of a shorter row must never bring NaN into an attention sum).</summary>
public sealed class SlotKvCacheTests
{
    private const int Layers = 2, KvHeads = 2, HeadDim = 3;

    [Fact]
    public void GrowthAndTrim_KeepTheStoredRowsAndZeroTheRest()
    {
        // Given five slots holding 3, 4, 5, 6 and 7 positions of seeded keys and values (slot blocks of 4, position blocks of 4)
        using var cache = new SlotKvCache(Layers, KvHeads, HeadDim, maxPositions: 64, ScalarType.Float32, CPU, slotBlock: 4, positionBlock: 4);
        using var noGrad = no_grad();
        manual_seed(5);
        var written = new List<(Tensor K, Tensor V)[]>();
        for (int slot = 0; slot < 5; slot++)
        {
            using var scope = NewDisposeScope();
            int length = 3 + slot;
            cache.AddSlot(length).ShouldBe(slot);
            var view = cache.Prefill(slot);
            var perLayer = new (Tensor K, Tensor V)[Layers];
            for (int l = 0; l < Layers; l++)
            {
                var k = randn(1, KvHeads, length, HeadDim);
                var v = randn(1, KvHeads, length, HeadDim);
                view.Update(l, k, v);
                perLayer[l] = (k.DetachFromDisposeScope(), v.DetachFromDisposeScope());
            }
            view.Advance(length);
            written.Add(perLayer);
        }

        // When the storage grows to more positions in one step, then slots 1 and 3 leave and the cache is trimmed
        cache.Reserve(5, 10);
        cache.PositionCapacity.ShouldBe(12);
        AssertHolds(cache, written, restIsZero: true);
        var order = cache.Remove([1, 3]);
        order.ShouldBe([0, 4, 2]);
        long before = cache.AllocatedBytes;
        cache.Trim();

        // Then every kept slot still holds its own rows (freed slots keep finite leftovers), and the trimmed storage is what
        // the rows need
        cache.AllocatedBytes.ShouldBeLessThan(before);
        cache.PositionCapacity.ShouldBe(8);
        cache.AllocatedBytes.ShouldBe(4 * 8 * cache.BytesPerPosition);
        AssertHolds(cache, order.Select(o => written[o]).ToList(), restIsZero: false);
        foreach (var (k, v) in written.SelectMany(w => w)) { k.Dispose(); v.Dispose(); }
    }

    private static void AssertHolds(SlotKvCache cache, IReadOnlyList<(Tensor K, Tensor V)[]> slots, bool restIsZero)
    {
        using var scope = NewDisposeScope();
        for (int l = 0; l < Layers; l++)
        {
            var (keys, values) = cache.Storage(l);
            foreach (var (store, pick) in new[] { (keys, 0), (values, 1) })
            {
                store.isfinite().all().item<bool>().ShouldBeTrue();
                var expected = restIsZero ? zeros_like(store) : store.clone();
                for (int s = 0; s < slots.Count; s++)
                {
                    var t = pick == 0 ? slots[s][l].K : slots[s][l].V;
                    expected[s].narrow(1, 0, t.shape[2]).copy_(t[0]);
                }
                (store - expected).abs().max().item<float>().ShouldBe(0f, $"layer {l} {(pick == 0 ? "keys" : "values")}");
            }
        }
    }
}
