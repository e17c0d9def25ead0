using Rait.Tests;

namespace Rait.Model.Tests.Tokenization;

/// <summary>Reads llama.cpp's tokenizer test vectors (.inp strings split on a separator, .out id lines).</summary>
internal static class LlamaCppVectors
{
    private const string Separator = "\n__ggml_vocab_test__\n";

    public static List<(string Input, int[] Ids)> Read(string name)
    {
        var dir = RepoPaths.Fixture("tokenizer-vectors");
        var inputs = File.ReadAllText(Path.Combine(dir, $"ggml-vocab-{name}.gguf.inp")).Split(Separator).ToList();
        if (inputs[^1].Length == 0) inputs.RemoveAt(inputs.Count - 1);
        var outputs = File.ReadAllText(Path.Combine(dir, $"ggml-vocab-{name}.gguf.out")).Split('\n').ToList();
        if (outputs[^1].Length == 0) outputs.RemoveAt(outputs.Count - 1);
        outputs.Count.ShouldBe(inputs.Count);
        return inputs.Zip(outputs, (i, o) => (i, o.Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(int.Parse).ToArray())).ToList();
    }
}
