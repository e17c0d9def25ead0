using System.Text;
using Rait.Server.Endpoints;

namespace Rait.Server.Tests.Streaming;

/// <summary>What a streamed choice may send after each token: never a broken character, never the start of a stop string.</summary>
public sealed class StreamedTextTests
{
    private static string Decode(IReadOnlyList<int> ids) => Encoding.UTF8.GetString(ids.Select(i => (byte)i).ToArray());

    /// <summary>Text sent so far after each byte token of <paramref name="answer"/>.</summary>
    private static List<string> SentAfterEachToken(StreamedText text, string answer)
    {
        var sent = new StringBuilder();
        var after = new List<string>();
        foreach (var b in Encoding.UTF8.GetBytes(answer))
        {
            sent.Append(text.Push(b));
            after.Add(sent.ToString());
        }
        return after;
    }

    [Fact]
    public void Push_StopStringPrefix_HeldUntilItCannotBeAStop()
    {
        var text = new StreamedText(Decode, ["twelve", "XY"]);
        var after = SentAfterEachToken(text, "one two twelve");
        after[4].ShouldBe("one ");          // "one t": the t may start "twelve"
        after[5].ShouldBe("one ");          // "one tw"
        after[6].ShouldBe("one two");       // "one two": not a stop after all
        after[^1].ShouldBe("one two ");     // the stop itself is never sent
        text.Finish("one two ").ShouldBe("");
    }

    [Fact]
    public void Push_MultiByteCharacter_HeldUntilComplete()
    {
        var text = new StreamedText(Decode, []);
        var after = SentAfterEachToken(text, "aü😀");
        after.ShouldBe(["a", "a", "aü", "aü", "aü", "aü", "aü😀"]);
    }

    [Fact]
    public void Finish_TextHeldAtTheEnd_SendsTheRest()
    {
        // A held stop prefix that the generation ended on (length limit) belongs to the final text.
        var text = new StreamedText(Decode, ["twelve"]);
        SentAfterEachToken(text, "one tw")[^1].ShouldBe("one ");
        text.Finish("one tw").ShouldBe("tw");
    }
}
