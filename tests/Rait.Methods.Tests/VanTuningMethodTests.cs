using Rait.Methods.Options;

namespace Rait.Methods.Tests;

public class VanTuningMethodTests
{
    [Fact]
    public void Build_SamplesWithoutReplacementKeepingOriginalAnswers()
    {
        var rows = Enumerable.Range(0, 30).Select(i => Probes.Open($"q{i:D2}", i / 30.0)).ToArray();
        var r = MethodFactory.Create(new VanOptions { Total = 10, Seed = 5 }).Build(Probes.Input(rows));
        r.Examples.Count.ShouldBe(10);
        r.Examples.Select(e => e.SourceId).Distinct().Count().ShouldBe(10);
        r.Examples.ShouldAllBe(e => e.Answer == "answer-" + e.SourceId && e.Reason == "sampled:keep" && e.Method == "van");
    }

    [Fact]
    public void Build_WithReplacement_CanExceedPool()
    {
        var r = MethodFactory.Create(new VanOptions { Total = 10, WithReplacement = true }).Build(Probes.Input(Probes.Open("a", 0), Probes.Open("b", 1)));
        r.Examples.Count.ShouldBe(10);
        r.Examples.Select(e => e.SourceId).Distinct().Count().ShouldBeLessThanOrEqualTo(2);
    }
}
