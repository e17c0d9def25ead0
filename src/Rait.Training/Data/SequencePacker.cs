using Rait.Core;

namespace Rait.Training.Data;

/// <summary>
/// Packs tokenized SFT samples into rows of at most max_length tokens so a batch carries little padding.
/// Bins are filled first-fit decreasing (longest sample first, ties by input order), which is deterministic
/// and needs at most 11/9 of the fewest possible rows (plus one). Each row keeps its <see cref="PackSegment"/>s; the label of
/// every segment's first token is set to ignore, so no token is ever predicted from the previous sample.
/// </summary>
/// <remarks>Attention and positions are kept per segment by <see cref="PackedBatchTensors"/>.</remarks>
public static class SequencePacker
{
    /// <param name="examples">Unpacked samples, each at most <paramref name="maxLength"/> tokens.</param>
    /// <returns>Packed rows in bin order; inside a row the samples keep their input order.</returns>
    /// <exception cref="RaitException">A sample longer than max_length, an already packed row, or max_length &lt; 1.</exception>
    public static List<TokenizedExample> Pack(IReadOnlyList<TokenizedExample> examples, int maxLength)
    {
        if (maxLength < 1) throw new RaitException($"packing: max_length: expected >= 1, got {maxLength}.");
        foreach (var x in examples)
        {
            if (x.Segments is not null) throw new RaitException($"packing: row {x.Id} is already packed.");
            if (x.InputIds.Length == 0) throw new RaitException($"packing: row {x.Id} has no tokens.");
            if (x.InputIds.Length > maxLength)
                throw new RaitException($"packing: row {x.Id} has {x.InputIds.Length} tokens, more than max_length {maxLength}.");
        }
        var order = Enumerable.Range(0, examples.Count).OrderByDescending(i => examples[i].InputIds.Length).ThenBy(i => i);
        var bins = new List<List<int>>();
        var free = new FirstFitTree(examples.Count, maxLength);
        foreach (int i in order)
        {
            int bin = free.Place(examples[i].InputIds.Length);
            if (bin == bins.Count) bins.Add([]);
            bins[bin].Add(i);
        }
        return bins.Select((members, k) => Concatenate(k, members.Order().Select(i => examples[i]).ToList())).ToList();
    }

    /// <summary>Share of the packed rows' max_length slots that hold real tokens, in [0, 1].</summary>
    public static double FillRatio(IReadOnlyList<TokenizedExample> rows, int maxLength) =>
        rows.Count == 0 ? 0 : rows.Sum(x => (double)x.InputIds.Length) / ((double)rows.Count * maxLength);

    private static TokenizedExample Concatenate(int index, IReadOnlyList<TokenizedExample> members)
    {
        int total = members.Sum(x => x.InputIds.Length), at = 0;
        var ids = new int[total];
        var labels = new int[total];
        var segments = new PackSegment[members.Count];
        for (int s = 0; s < members.Count; s++)
        {
            var x = members[s];
            x.InputIds.CopyTo(ids, at);
            x.Labels.CopyTo(labels, at);
            // The shift makes label[start] the target of the previous sample's last token: never train that.
            labels[at] = TokenizedExample.Ignore;
            segments[s] = new PackSegment(at, x.InputIds.Length, x.Weight, x.Id);
            at += x.InputIds.Length;
        }
        return new TokenizedExample($"pack-{index}", ids, labels, members.Sum(x => x.Weight)) { Segments = segments };
    }

    /// <summary>
    /// Max segment tree over the free space of n bins (unopened bins have full capacity): finds the
    /// leftmost bin with room in O(log n), so packing N samples costs O(N log N) instead of O(N · bins).
    /// </summary>
    private sealed class FirstFitTree
    {
        private readonly int[] _max; // heap layout: node k has children 2k and 2k+1; leaves from _leaves on
        private readonly int _leaves;

        public FirstFitTree(int bins, int capacity)
        {
            _leaves = 1;
            while (_leaves < Math.Max(1, bins)) _leaves *= 2;
            _max = new int[2 * _leaves];
            Array.Fill(_max, capacity);
        }

        /// <summary>Puts <paramref name="size"/> tokens into the leftmost bin with room and returns its index.</summary>
        public int Place(int size)
        {
            int k = 1;
            while (k < _leaves) k = _max[2 * k] >= size ? 2 * k : 2 * k + 1;
            _max[k] -= size;
            for (int p = k / 2; p >= 1; p /= 2) _max[p] = Math.Max(_max[2 * p], _max[2 * p + 1]);
            return k - _leaves;
        }
    }
}
