using Rait.Core;
using Rait.Model.Checkpoints;
using Rait.Tests;
using static TorchSharp.torch;

namespace Rait.Model.Tests.Checkpoints;

/// <summary>Tensor data moves between file and native memory in chunks, so size is bounded by RAM, not by the 2 GiB array limit.</summary>
public sealed class SafetensorsFileTests
{
    [Theory]
    [InlineData(ScalarType.Float32, 7)]    // chunk smaller than one element: one element per call
    [InlineData(ScalarType.Float32, 40)]   // chunk boundary inside the tensor, last chunk partial
    [InlineData(ScalarType.BFloat16, 64)]
    [InlineData(ScalarType.Int64, 1 << 20)] // whole tensor in one chunk
    public void SmallChunks_RoundTripEveryByte(ScalarType dtype, int chunkBytes)
    {
        var dir = RepoPaths.NewTempDir();
        try
        {
            var path = Path.Combine(dir, "t.safetensors");
            using var a = (arange(0, 3 * 37, dtype: ScalarType.Float32) * 1.5 - 20).reshape(3, 37).to(dtype);
            using var b = tensor(new[] { true, false, true });
            using var scalar = tensor(2.5f);
            using var none = empty(0, 4);
            SafetensorsFile.Write(path, [new("a", a), new("b", b), new("s", scalar), new("none", none)], null, chunkBytes);

            var f = SafetensorsFile.Open(path);
            using var ra = f.Read("a", null, chunkBytes);
            using var rb = f.Read("b", null, chunkBytes);
            using var rs = f.Read("s", null, chunkBytes);
            using var rn = f.Read("none", null, chunkBytes);
            ra.dtype.ShouldBe(dtype);
            ra.shape.ShouldBe(a.shape);
            ra.equal(a).all().item<bool>().ShouldBeTrue();
            rb.equal(b).all().item<bool>().ShouldBeTrue();
            rs.shape.ShouldBeEmpty();
            rs.item<float>().ShouldBe(2.5f);
            rn.shape.ShouldBe([0L, 4L]);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void ChunkedWrite_IsByteIdenticalToDefaultWrite()
    {
        var dir = RepoPaths.NewTempDir();
        try
        {
            using var a = randn(5, 11);
            using var strided = randn(11, 5).t(); // not contiguous: the writer must copy it into row-major order
            SafetensorsFile.Write(Path.Combine(dir, "one.safetensors"), [new("a", a), new("t", strided)]);
            SafetensorsFile.Write(Path.Combine(dir, "many.safetensors"), [new("a", a), new("t", strided)], null, 12);
            File.ReadAllBytes(Path.Combine(dir, "many.safetensors")).ShouldBe(File.ReadAllBytes(Path.Combine(dir, "one.safetensors")));
            using var rt = SafetensorsFile.Open(Path.Combine(dir, "many.safetensors")).Read("t", null, 12);
            rt.equal(strided).all().item<bool>().ShouldBeTrue();
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Read_ConvertsDtypeAfterLoading()
    {
        var dir = RepoPaths.NewTempDir();
        try
        {
            var path = Path.Combine(dir, "t.safetensors");
            using var a = tensor(new[] { 1.0f, -2.5f, 3.25f }).to(ScalarType.BFloat16);
            SafetensorsFile.Write(path, [new("a", a)]);
            using var r = SafetensorsFile.Open(path).Read("a", ScalarType.Float32, 2);
            r.dtype.ShouldBe(ScalarType.Float32);
            r.data<float>().ToArray().ShouldBe([1.0f, -2.5f, 3.25f]);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    [Fact]
    public void Read_UnknownName_NamesFileAndTensor()
    {
        var dir = RepoPaths.NewTempDir();
        try
        {
            var path = Path.Combine(dir, "t.safetensors");
            using var a = zeros(2);
            SafetensorsFile.Write(path, [new("a", a)]);
            var e = Should.Throw<RaitException>(() => SafetensorsFile.Open(path).Read("nope"));
            e.Message.ShouldContain(path);
            e.Message.ShouldContain("\"nope\"");
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    /// <summary>2^31 + 4096 bytes: one past what a byte[] or Span can address, plus a partial last chunk.</summary>
    [Fact]
    [Trait("Category", "Slow")]
    public void TensorLargerThan2GiB_RoundTrips()
    {
        const long n = (1L << 31) + 4096;
        var dir = RepoPaths.NewTempDir();
        try
        {
            var path = Path.Combine(dir, "big.safetensors");
            long expectedSum;
            using (var big = Pattern(n))
            {
                expectedSum = Checksum(big);
                SafetensorsFile.Write(path, [new("big", big)]);
            }
            new FileInfo(path).Length.ShouldBeGreaterThan(n);

            var f = SafetensorsFile.Open(path);
            f.Entries["big"].End.ShouldBe(n);
            using var back = f.Read("big");
            back.shape.ShouldBe([n]);
            back.dtype.ShouldBe(ScalarType.Byte);
            foreach (long i in new[] { 0L, 1L, 250L, 251L, (1L << 31) - 1, 1L << 31, n - 1 })
            {
                using var scope = NewDisposeScope();
                back[i].item<byte>().ShouldBe((byte)(i % 251), $"element {i}");
            }
            Checksum(back).ShouldBe(expectedSum);
        }
        finally { Directory.Delete(dir, recursive: true); }
    }

    private static Tensor Pattern(long n)
    {
        const long step = 1L << 26;
        var t = empty(n, ScalarType.Byte);
        for (long start = 0; start < n; start += step)
        {
            using var scope = NewDisposeScope();
            long len = Math.Min(step, n - start);
            t.narrow(0, start, len).copy_(arange(start, start + len, dtype: ScalarType.Int64).remainder(251));
        }
        return t;
    }

    /// <summary>Position-weighted so a shifted or reordered chunk changes the result, not only a wrong byte.</summary>
    private static long Checksum(Tensor t)
    {
        const long step = 1L << 26;
        long n = t.shape[0], sum = 0;
        for (long start = 0; start < n; start += step)
        {
            using var scope = NewDisposeScope();
            long len = Math.Min(step, n - start);
            var chunk = t.narrow(0, start, len).to(ScalarType.Int64);
            var weights = arange(start, start + len, dtype: ScalarType.Int64).remainder(65521) + 1;
            sum = unchecked(sum + (chunk * weights).sum().item<long>());
        }
        return sum;
    }
}
