using static TorchSharp.torch;

namespace Rait.Model.Checkpoints;

/// <summary>The safetensors dtype tags Rait reads and writes, with their element sizes.</summary>
public static class SafetensorsDtype
{
    /// <summary>Element size in bytes of every fixed-size tag in the format (interop.md §1.2).</summary>
    public static int? ByteSize(string tag) => tag switch
    {
        "BOOL" or "U8" or "I8" or "F8_E4M3" or "F8_E5M2" or "F8_E8M0" or "F8_E4M3FNUZ" or "F8_E5M2FNUZ" => 1,
        "I16" or "U16" or "F16" or "BF16" => 2,
        "I32" or "U32" or "F32" => 4,
        "I64" or "U64" or "F64" or "C64" => 8,
        _ => null,
    };

    /// <summary>The TorchSharp type for the tags we can turn into tensors; null for the rest.</summary>
    public static ScalarType? ToScalarType(string tag) => tag switch
    {
        "F32" => ScalarType.Float32,
        "F16" => ScalarType.Float16,
        "BF16" => ScalarType.BFloat16,
        "F64" => ScalarType.Float64,
        "I64" => ScalarType.Int64,
        "I32" => ScalarType.Int32,
        "I16" => ScalarType.Int16,
        "I8" => ScalarType.Int8,
        "U8" => ScalarType.Byte,
        "BOOL" => ScalarType.Bool,
        _ => null,
    };

    public static string FromScalarType(ScalarType t) => t switch
    {
        ScalarType.Float32 => "F32",
        ScalarType.Float16 => "F16",
        ScalarType.BFloat16 => "BF16",
        ScalarType.Float64 => "F64",
        ScalarType.Int64 => "I64",
        ScalarType.Int32 => "I32",
        ScalarType.Int16 => "I16",
        ScalarType.Int8 => "I8",
        ScalarType.Byte => "U8",
        ScalarType.Bool => "BOOL",
        _ => throw new ArgumentOutOfRangeException(nameof(t), t, "no safetensors tag for this dtype"),
    };
}
