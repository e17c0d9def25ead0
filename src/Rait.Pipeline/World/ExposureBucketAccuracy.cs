namespace Rait.Pipeline.World;

/// <summary>One row of the knowledge-boundary table: greedy accuracy of the pretrained model on the facts of an exposure bucket.</summary>
public sealed record ExposureBucketAccuracy(string Bucket, int MinExposure, int MaxExposure, int Questions, int Correct)
{
    public double Accuracy => Questions == 0 ? double.NaN : (double)Correct / Questions;

    /// <summary>Buckets 0, 1, 2, 3-4, 5-9, 10+.</summary>
    public static readonly (string Name, int Min, int Max)[] Buckets =
        [("0", 0, 0), ("1", 1, 1), ("2", 2, 2), ("3-4", 3, 4), ("5-9", 5, 9), ("10+", 10, int.MaxValue)];

    public static List<ExposureBucketAccuracy> Table(IEnumerable<(int Exposure, bool Correct)> answers)
    {
        var list = answers.ToList();
        return Buckets.Select(b =>
        {
            var inBucket = list.Where(a => a.Exposure >= b.Min && a.Exposure <= b.Max).ToList();
            return new ExposureBucketAccuracy(b.Name, b.Min, b.Max, inBucket.Count, inBucket.Count(a => a.Correct));
        }).ToList();
    }
}
