namespace Rait.World.Qa;

/// <summary>Split names written to item metadata and file names.</summary>
public static class WorldSplits
{
    /// <summary>RAIT training pool: train-partition people, training phrasings, no held-out attribute.</summary>
    public const string Train = "train";
    /// <summary>In-distribution test: test-partition people, training phrasings, no held-out attribute.</summary>
    public const string IdTest = "id_test";
    /// <summary>Out-of-distribution test: test-partition people, held-out phrasings or held-out attributes.</summary>
    public const string OodTest = "ood_test";

    public static readonly IReadOnlyList<string> All = [Train, IdTest, OodTest];
}
