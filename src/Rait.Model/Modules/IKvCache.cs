using static TorchSharp.torch;

namespace Rait.Model.Modules;

/// <summary>What attention needs from a key/value cache: store this step's keys and values, hand back everything to attend to.</summary>
/// <remarks>Column j of what <see cref="Update"/> returns holds the key of position j of its row (sliding-window masks rely on
/// it). Nothing is evicted: a sliding window limits what is attended to, not what is stored.</remarks>
public interface IKvCache
{
    /// <summary>Positions already stored before this forward (the widest row for caches whose rows differ in length).</summary>
    long Length { get; }

    /// <summary>Writes the new keys/values of one layer and returns all keys/values the queries attend to.</summary>
    /// <param name="k">[B, Hkv, T, Dh]</param>
    /// <returns>[B, Hkv, L, Dh]</returns>
    (Tensor K, Tensor V) Update(int layer, Tensor k, Tensor v);

    /// <summary>Marks <paramref name="t"/> new positions as stored; called once per forward after all layers.</summary>
    void Advance(long t);
}
