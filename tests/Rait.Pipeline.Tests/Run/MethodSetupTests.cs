using Rait.Methods.Options;
using Rait.Pipeline.Run;

namespace Rait.Pipeline.Tests.Run;

public class MethodSetupTests
{
    private static readonly RunConfig Config = new() { Model = "m", Train = "t", SetSize = 400 };

    [Fact]
    public void For_EveryMethod_SameSizeFourToOneAndResampling()
    {
        foreach (var m in Enum.GetValues<PipelineMethod>())
        {
            var o = MethodSetup.For(m, Config, seed: 7);
            o.OnShortfall.ShouldBe(ShortfallPolicy.Resample, m.ToString());
            o.Seed.ShouldBe(7);
            int total = o switch
            {
                VanOptions v => v.Total,
                CorOptions c => c.Size.Total,
                CraftOptions c => c.Size.Total,
                GraitOptions g => g.Size.Total,
                RTuningOptions r => r.Size ?? -1,
                _ => throw new InvalidOperationException(m.ToString()),
            };
            total.ShouldBe(400, m.ToString());
            var size = o switch { CorOptions c => c.Size, CraftOptions c => c.Size, GraitOptions g => g.Size, _ => null };
            if (size is not null) (size.KeepCount, size.RefuseCount).ShouldBe((320, 80), m.ToString());
        }
    }

    [Fact]
    public void For_RtuningWholePool_KeepsItsNaturalSize()
    {
        ((RTuningOptions)MethodSetup.For(PipelineMethod.Rtuning, Config with { RtuningWholePool = true }, 1)).Size.ShouldBeNull();
    }

    [Fact]
    public void Ablations_AreCraftVariantsUnderTheirPaperNames()
    {
        MethodSetup.Demo(ablations: false).ShouldNotContain(PipelineMethod.CorCer);
        MethodSetup.Demo(ablations: true).ShouldBe([.. MethodSetup.Demo(false), PipelineMethod.CorCer, PipelineMethod.CraftWithoutCertainty]);
        ((CraftOptions)MethodSetup.For(PipelineMethod.CorCer, Config, 1)).Variant.ShouldBe(CraftVariant.WithoutFlow);
        ((CraftOptions)MethodSetup.For(PipelineMethod.CraftWithoutCertainty, Config, 1)).Variant.ShouldBe(CraftVariant.WithoutCertainty);
        MethodSetup.Name(PipelineMethod.CorCer).ShouldBe("CorCer-RAIT");
        MethodSetup.Name(PipelineMethod.CraftWithoutCertainty).ShouldBe("CRaFT w/o certainty");
        // Only the flow-filtered variants need the rehearsed re-probe.
        MethodSetup.NeedsRehearsedProbe(PipelineMethod.CorCer).ShouldBeFalse();
        MethodSetup.NeedsRehearsedProbe(PipelineMethod.CraftWithoutCertainty).ShouldBeTrue();
    }
}
