using System.Security.Cryptography;
using System.Text;

namespace Rait.Probing;

/// <summary>
/// Seeds derived from the master seed and the question id alone, so that batching, resuming and
/// the order of the input never change a question's samples.
/// </summary>
public static class QuestionSeeds
{
    /// <summary>The question's seed: the first 8 bytes of sha256("{seed}\0{id}").</summary>
    public static ulong ForQuestion(long seed, string id) =>
        BitConverter.ToUInt64(SHA256.HashData(Encoding.UTF8.GetBytes($"{seed}\0{id}")), 0);

    /// <summary>Seed of sample <paramref name="sample"/> of a question (splitmix64 of the pair).</summary>
    public static ulong ForSample(ulong questionSeed, int sample)
    {
        ulong z = questionSeed + 0x9E3779B97F4A7C15UL * (ulong)(sample + 1);
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }

    /// <summary>A non-negative 31-bit seed for servers that take an int.</summary>
    public static long ForEndpoint(ulong seed) => (long)(seed & 0x7FFFFFFF);
}
