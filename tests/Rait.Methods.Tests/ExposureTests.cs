using Rait.Core.Records;
using Rait.Methods.Options;

namespace Rait.Methods.Tests;

/// <summary>
/// On a synthetic pool where correctness follows ground-truth exposure (never-seen facts are
/// answered wrongly, well-seen ones correctly), a μ-based builder must refuse the never-seen facts
/// and keep the well-seen ones. Counted directly from the rows and via the manifest summary.
/// </summary>
public class ExposureTests
{
    private static ProbeRecord[] SyntheticPool()
    {
        var rng = new Rait.Core.Random.SplitMix64(11);
        return Enumerable.Range(0, 300).Select(i =>
        {
            int exposure = (i % 3) switch { 0 => 0, 1 => 2, _ => 10 + i % 7 };
            // μ: never seen ≈ chance of guessing (0-0.2), rarely seen mixed, well seen 0.8-1.0.
            double mu = exposure switch { 0 => rng.NextInt(3) / 10.0, 2 => rng.NextInt(11) / 10.0, _ => (8 + rng.NextInt(3)) / 10.0 };
            return Probes.Open($"f{i:D3}", mu, sigma: rng.NextDouble(), exposure: exposure);
        }).ToArray();
    }

    private static (double never, double well) Shares(RaitBuildResult r, ProbeRecord[] pool)
    {
        var exposure = pool.ToDictionary(p => p.Id, p => p.Meta.Exposure!.Value);
        double Share(Func<int, bool> bucket)
        {
            var rows = r.Examples.Where(e => bucket(exposure[e.SourceId!])).ToList();
            return rows.Count == 0 ? double.NaN : (double)rows.Count(e => e.Answer.StartsWith("I don't know", StringComparison.Ordinal)) / rows.Count;
        }
        return (Share(x => x == 0), Share(x => x >= 10));
    }

    [Fact]
    public void Cor_RefusesNeverSeenAndKeepsWellSeen()
    {
        var pool = SyntheticPool();
        var r = MethodFactory.Create(new CorOptions { Size = new SetSize { Total = 150, KeepParts = 2, RefuseParts = 1 }, Seed = 2 }).Build(Probes.Input(pool));
        var (never, well) = Shares(r, pool);
        never.ShouldBe(1.0);
        well.ShouldBe(0.0);
        var buckets = r.Summary.ByExposure.ToDictionary(b => b.Bucket);
        buckets["0"].RefusalShare.ShouldBe(1.0);
        buckets["10+"].RefusalShare.ShouldBe(0.0);
        buckets["0"].Rows.ShouldBeGreaterThan(0);
    }

    [Fact]
    public void Craft_NeverSeenRefusalShareFarAboveWellSeen()
    {
        var pool = SyntheticPool();
        // After rehearsal, never-seen facts mostly lose correctness, rarely-seen ones gain (natural flow).
        var after = pool.Select(p => p with
        {
            ModelFingerprint = "model-A+rehearsal",
            Mu = p.Meta.Exposure == 0 ? Math.Max(0, p.Mu - 0.1) : Math.Min(1, p.Mu + 0.1),
        }).ToArray();
        var o = new CraftOptions { Size = new SetSize { Total = 120, KeepParts = 2, RefuseParts = 1 }, OnShortfall = ShortfallPolicy.TakeAvailable };
        var r = MethodFactory.Create(o).Build(new RaitBuildInput { Pool = Probes.Table(pool), Rehearsed = new ProbeTable("rehearsed.jsonl", after) });
        var (never, well) = Shares(r, pool);
        never.ShouldBeGreaterThan(0.9);
        well.ShouldBeLessThan(0.05);
        // The flow filter keeps rarely-seen facts whose μ rose after rehearsal out of the IdK set.
        r.Examples.Where(e => e.Reason == "unknown:refuse").ShouldAllBe(e => e.Meta.Exposure == 0);
    }
}
