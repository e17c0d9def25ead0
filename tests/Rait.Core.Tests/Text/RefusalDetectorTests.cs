using Rait.Core.Text;

namespace Rait.Core.Tests.Text;

public class RefusalDetectorTests
{
    [Theory]
    [InlineData("I don't know.", true)]
    [InlineData("Honestly, I DON'T KNOW the answer, but maybe B", true)]
    [InlineData("I do not know", false)]
    [InlineData("I don\u2019t know", false)]   // curly apostrophe: missed, as in CRaFT
    [InlineData("Paris", false)]
    public void IsRefusal_Default_MatchesCraftRule(string response, bool expected) =>
        new RefusalDetector().IsRefusal(response).ShouldBe(expected);

    [Fact]
    public void IsRefusal_NormalizeApostrophes_DetectsCurlyApostrophe()
    {
        var detector = new RefusalDetector(new RefusalOptions { NormalizeApostrophes = true });
        detector.IsRefusal("I don\u2019t know").ShouldBeTrue();
        detector.IsRefusal("I don\u02BCt know").ShouldBeTrue();
    }

    [Fact]
    public void IsRefusal_ExtraPhrases_AreCaseInsensitive()
    {
        var detector = new RefusalDetector(new RefusalOptions { ExtraPhrases = ["I am not sure", "Unanswerable"] });
        detector.IsRefusal("i am NOT sure about that").ShouldBeTrue();
        detector.IsRefusal("This is unanswerable.").ShouldBeTrue();
        detector.IsRefusal("I am sure: Paris").ShouldBeFalse();
    }

    [Fact]
    public void Constructor_BlankPhrase_Throws() =>
        Should.Throw<RaitException>(() => new RefusalDetector(new RefusalOptions { ExtraPhrases = [" "] }))
            .Message.ShouldContain("refusal.extra_phrases[0]");
}
