using Rait.Core;
using Rait.Model;
using Shouldly;
using TorchSharp;
using Xunit;
using static TorchSharp.torch;

namespace Rait.Model.Tests;

public class ComputeDeviceTests
{
    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("auto")]
    [InlineData(" AUTO ")]
    public void Resolve_Auto_PicksCudaOnlyWhereTorchSharpReportsIt(string? spec) =>
        ComputeDevice.Resolve(spec).type.ShouldBe(cuda.is_available() ? DeviceType.CUDA : DeviceType.CPU);

    [Fact]
    public void Resolve_Cpu_IsTheCpu() => ComputeDevice.Resolve("cpu").type.ShouldBe(DeviceType.CPU);

    [Theory]
    [InlineData("gpu")]
    [InlineData("cuda:")]
    [InlineData("cuda:-1")]
    [InlineData("cuda:one")]
    [InlineData("cpu:0")]
    public void Resolve_Misspelt_NamesTheFieldAndTheChoices(string spec)
    {
        var e = Should.Throw<RaitException>(() => ComputeDevice.Resolve(spec, "device"));
        e.Message.ShouldStartWith("device: expected");
        e.Message.ShouldContain($"\"{spec}\"");
        ComputeDevice.Problem(spec, "device").ShouldNotBeNull().ShouldStartWith("device: expected");
    }

    [Theory]
    [InlineData("cuda")]
    [InlineData("cuda:0")]
    [InlineData("cuda:3")]
    public void Problem_AcceptsEveryCudaSpelling(string spec) => ComputeDevice.Problem(spec, "device").ShouldBeNull();

    [Fact]
    public void Resolve_CudaBeyondWhatTorchSharpReports_SaysWhatThereIs()
    {
        // Without CUDA every cuda spelling is refused with the way out; with it, only a device number past the last one.
        var spec = cuda.is_available() ? $"cuda:{cuda.device_count()}" : "cuda";
        var e = Should.Throw<RaitException>(() => ComputeDevice.Resolve(spec));
        e.Message.ShouldStartWith($"--device: \"{spec}\" asked for, but TorchSharp reports");
        if (!cuda.is_available()) e.Message.ShouldContain("README.md");
    }
}
