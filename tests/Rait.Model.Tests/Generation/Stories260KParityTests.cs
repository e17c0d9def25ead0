using System.Text.Json;
using Rait.Model.Checkpoints;
using Rait.Model.Generation;
using Rait.Tests;

namespace Rait.Model.Tests.Generation;

/// <summary>Greedy decoding of karpathy's stories260K must reproduce llama2.c's run.c token for token.</summary>
public sealed class Stories260KParityTests
{
    private static readonly string Dir = RepoPaths.Fixture("stories260K");

    public static TheoryData<string, string> Cases() => new()
    {
        { "stories260K.bin", "greedy_256" },
        { "stories260K.bin", "greedy_200" },
        { "stories260K.v1.bin", "greedy_256" },
        { "stories260K.bin", "greedy_until_bos" },
    };

    [Theory]
    [MemberData(nameof(Cases))]
    public void Greedy_MatchesRunC_TokenForToken(string file, string caseName)
    {
        // Given the expected ids of a greedy run.c case
        var expected = LoadCase(caseName);
        using var model = Llama2cImporter.Load(Path.Combine(Dir, file));
        var gen = new BatchGenerator(model);
        int steps = expected.GetProperty("steps").GetInt32();
        var want = expected.GetProperty("token_ids").EnumerateArray().Select(e => e.GetInt32()).ToList();
        bool stopsAtBos = expected.GetProperty("stopped_because").GetString() == "bos";

        // When decoding greedily from BOS: run.c feeds positions 0..steps-1 and prints the token each one
        // predicts (so `steps` new tokens), clamped by seq_len, and stops early on BOS
        var outSeq = gen.Generate([[1]], new SamplingOptions
        {
            Temperature = 0, MaxNewTokens = Math.Min(steps, model.Config.MaxPositions - 1), StopTokenIds = [1],
        })[0];

        // Then the ids are identical (run.c does not print the final BOS)
        var got = new List<int> { 1 };
        got.AddRange(outSeq.TokenIds);
        if (stopsAtBos) got.RemoveAt(got.Count - 1);
        got.ShouldBe(want);
    }

    private static JsonElement LoadCase(string name)
    {
        using var doc = JsonDocument.Parse(File.ReadAllText(Path.Combine(Dir, "expected.json")));
        return doc.RootElement.GetProperty("cases").EnumerateArray().First(c => c.GetProperty("name").GetString() == name).Clone();
    }
}
